package io.callgate.agent;

import java.time.Instant;

/**
 * A caller an agent is talking to.
 *
 * @param source where it came from: a call on a contact-center line, or a CRM's signed post
 * @param callSid the call, when there is one; its caller session says what the caller proved before
 * @param caller the caller's number (E.164) as the carrier or the CRM gave it
 * @param customerRef who the caller says they are (an account number, a CRM id); null until known
 * @param agent the agent who took it; only they may act on it
 * @param destination the number the current code went to
 * @param verifiedBy {@code agent} for a read-back, {@code ivr} when the caller logged in before reaching an agent
 */
public record Interaction(String sid, Source source, String callSid, String taskId, String caller, String customerRef,
                          String agent, InteractionStatus status, String verificationSid, String destination,
                          int failedReadbacks, Instant verifiedAt, String verifiedBy, Instant dateCreated,
                          Instant dateUpdated) {

    public enum Source { CALL, CRM }

    public boolean takenBy(String name) {
        return name.equals(agent);
    }

    public boolean verified() {
        return status == InteractionStatus.VERIFIED;
    }
}
