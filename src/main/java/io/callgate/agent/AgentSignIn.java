package io.callgate.agent;

import io.callgate.limits.SlidingWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Agent sign-in with a lockout: each attempt is written down before the password is checked, so
 * parallel guesses on any number of nodes never get more than {@code maxFailures} checks per
 * window. A locked, unknown or wrong sign-in all get the same answer in the same time.
 */
final class AgentSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(AgentSignIn.class);
    private static final String ATTEMPT = "agent_sign_in";

    private final DaoAuthenticationProvider passwords;
    private final AgentPasswords encoder;
    private final SlidingWindow attempts;
    private final AgentAudit audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    AgentSignIn(DaoAuthenticationProvider passwords, AgentPasswords encoder, SlidingWindow attempts, AgentAudit audit,
                Clock clock, int maxFailures, Duration window) {
        this.passwords = passwords;
        this.encoder = encoder;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = Agents.normalised(authentication.getName());
        Instant now = clock.instant();
        // Recorded first and counted after: of any number of parallel attempts, only the first maxFailures see room.
        String subject = "agent:" + username;
        attempts.record(subject, ATTEMPT, now);
        int counted = attempts.count(subject, ATTEMPT, now, window);
        if (counted > maxFailures) {
            // Cost the same as a wrong password, then refuse without looking at it.
            encoder.matches(String.valueOf(authentication.getCredentials()), null);
            log.warn("agent sign-in refused for {}: {} attempts within {}", username, counted - 1, window);
            audit.record(username, null, "sign_in_locked", "over " + maxFailures + " attempts within " + window);
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication accepted = passwords.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(username, authentication.getCredentials()));
            attempts.clear(subject, ATTEMPT);
            return accepted;
        } catch (AuthenticationException e) {
            audit.record(username, null, "sign_in_failed", null);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
