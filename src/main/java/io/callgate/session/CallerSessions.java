package io.callgate.session;

import java.util.Optional;

/** The caller sessions, by {@code CallSid}. Every operation is safe to repeat and to run on several nodes at once. */
public interface CallerSessions {

    /** The call's session, created at its first webhook; an existing session is returned unchanged. */
    CallerSession open(String callSid, String callerId, String line);

    Optional<CallerSession> find(String callSid);

    /** Records who the caller claims or was found to be. */
    void claim(String callSid, String identity);

    /** Records a factor as proven now; proving it again keeps the first time. */
    void prove(String callSid, Factor factor);
}
