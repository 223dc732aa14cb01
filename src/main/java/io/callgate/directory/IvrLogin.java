package io.callgate.directory;

import io.callgate.api.ApiException;
import io.callgate.limits.SlidingWindow;
import io.callgate.limits.SubjectLocks;
import io.callgate.verify.Destination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks an account number and PIN typed on a call, with the limits that make guessing useless.
 *
 * <p>The caller learns one thing only: accepted or not. An unknown account, a wrong PIN, a locked
 * account and a capped caller ID all get {@link Outcome#accepted()} false after the same work
 * (one Argon2id), so neither the words nor the delay tell which accounts exist.
 *
 * <p>Limits, per account number whether it exists or not (PCI DSS 8.3.4): {@code max-failures}
 * failures within {@code failure-window} lock it for {@code duration}; {@code max-failures-per-day}
 * in 24 hours also lock it. Per caller ID (From, as given; {@code anonymous} callers share one
 * count): {@code max-attempts-per-caller} attempts per {@code caller-window}.
 *
 * <p>Each attempt is counted as a failure <em>before</em> the PIN is checked, under the account's
 * row lock, and withdrawn if the PIN was right: parallel guesses never get more than
 * {@code max-failures} checked, on any number of nodes, and the lock is held for milliseconds
 * rather than for a hash. A success does not wipe the other failures of the window, so guesses
 * racing the owner's own login gain nothing from it; an administrator can lift a lockout.
 */
@Component
public class IvrLogin {

    private static final Logger log = LoggerFactory.getLogger(IvrLogin.class);
    static final String FAILURE = "ivr_pin_failure";
    static final String LOCKOUT = "ivr_lockout";
    static final String ATTEMPT = "ivr_attempt";
    private static final Duration DAY = Duration.ofHours(24);

    /** Why a login was refused: for logs and audit only, never for the caller. */
    public enum Refusal { INVALID, LOCKED, CALLER_CAPPED, BUSY, UNAVAILABLE }

    /** The result of one login: the account when accepted; otherwise the reason, which the caller must not hear. */
    public record Outcome(Account account, Refusal refusal) {

        public boolean accepted() {
            return account != null;
        }
    }

    private final AccountDirectory directory;
    private final PinHasher hasher;
    private final SubjectLocks locks;
    private final SlidingWindow window;
    private final TransactionTemplate transactions;
    private final DirectoryProperties.Lockout limits;
    private final Clock clock;

    IvrLogin(AccountDirectory directory, PinHasher hasher, SubjectLocks locks, SlidingWindow window,
             TransactionTemplate transactions, DirectoryProperties properties, Clock clock) {
        this.directory = directory;
        this.hasher = hasher;
        this.locks = locks;
        this.window = window;
        this.transactions = transactions;
        this.limits = properties.lockout();
        this.clock = clock;
    }

    /**
     * One login attempt.
     *
     * @param accountNumber the digits typed for the account (anything else is simply not accepted)
     * @param pin the digits typed for the PIN
     * @param callerId the caller ID (From) of the call, for the per-caller cap
     */
    public Outcome authenticate(String accountNumber, String pin, String callerId) {
        boolean wellFormed = accountNumber != null && PinPolicy.ACCOUNT_NUMBER.matcher(accountNumber).matches();
        String account = wellFormed ? accountSubject(accountNumber) : null;
        String caller = callerSubject(callerId);
        Reservation reservation;
        try {
            reservation = transactions.execute(tx -> reserve(accountNumber, account, caller));
        } catch (ApiException busy) { // a subject lock was not granted in time
            reservation = new Reservation(Refusal.BUSY, false);
        }
        Refusal refusal = reservation.refusal();
        if (refusal != null || !wellFormed) {
            hasher.verify(pin, null); // the same work as a real check
            log.info("ivr login refused for account {} from {}: {}", maskedNumber(accountNumber),
                    Destination.mask(callerId), refusal == null ? Refusal.INVALID : refusal);
            return new Outcome(null, refusal == null ? Refusal.INVALID : refusal);
        }
        Optional<Account> found;
        try {
            found = directory.authenticate(accountNumber, pin);
        } catch (DirectoryUnavailableException e) {
            log.warn("ivr login for account {} could not be checked: {}", maskedNumber(accountNumber), e.getMessage());
            return new Outcome(null, Refusal.UNAVAILABLE);
        }
        if (found.isEmpty()) {
            log.info("ivr login refused for account {} from {}: {}", maskedNumber(accountNumber),
                    Destination.mask(callerId), Refusal.INVALID);
            return new Outcome(null, Refusal.INVALID);
        }
        boolean lockedByThis = reservation.lockedAccount();
        transactions.executeWithoutResult(tx -> {
            locks.lock(account);
            window.withdraw(account, FAILURE);
            if (lockedByThis) {
                window.withdraw(account, LOCKOUT);
            }
        });
        return new Outcome(found.get(), null);
    }

    /** Lifts a lockout and forgets failed PINs, for an administrator who confirmed the person another way. */
    public void unlock(String accountNumber) {
        String account = accountSubject(accountNumber);
        transactions.executeWithoutResult(tx -> {
            locks.lock(account);
            window.clear(account, FAILURE);
            window.clear(account, LOCKOUT);
        });
        log.info("ivr lockout lifted for account {}", maskedNumber(accountNumber));
    }

    /** Whether the account number is locked now (for administrators and tests). */
    public boolean isLocked(String accountNumber) {
        Instant now = clock.instant();
        String account = accountSubject(accountNumber);
        return window.count(account, LOCKOUT, now, limits.duration()) > 0
                || window.count(account, FAILURE, now, DAY) >= limits.maxFailuresPerDay();
    }

    /**
     * Under the subjects' locks: refuses a locked account or a capped caller, or else counts this
     * attempt as a failure in advance (and locks the account when it reaches the limit).
     */
    private record Reservation(Refusal refusal, boolean lockedAccount) {
    }

    private Reservation reserve(String accountNumber, String account, String caller) {
        Instant now = clock.instant();
        if (account != null) {
            locks.lock(account); // always before the caller's lock, so two logins cannot deadlock
        }
        locks.lock(caller);
        if (window.count(caller, ATTEMPT, now, limits.callerWindow()) >= limits.maxAttemptsPerCaller()) {
            return new Reservation(Refusal.CALLER_CAPPED, false);
        }
        window.record(caller, ATTEMPT, now);
        if (account == null) {
            return new Reservation(null, false);
        }
        if (window.count(account, LOCKOUT, now, limits.duration()) > 0
                || window.count(account, FAILURE, now, DAY) >= limits.maxFailuresPerDay()) {
            return new Reservation(Refusal.LOCKED, false); // frozen: a locked account's count does not grow
        }
        window.record(account, FAILURE, now);
        if (window.count(account, FAILURE, now, limits.failureWindow()) >= limits.maxFailures()) {
            window.record(account, LOCKOUT, now);
            log.warn("ivr account {} locked for {} after {} failed PINs", maskedNumber(accountNumber),
                    limits.duration(), limits.maxFailures());
            return new Reservation(null, true);
        }
        return new Reservation(null, false);
    }

    private static String accountSubject(String accountNumber) {
        return "ivr-account:" + accountNumber;
    }

    private static String callerSubject(String callerId) {
        String id = callerId == null || callerId.isBlank() ? "anonymous" : callerId.strip();
        return "ivr-caller:" + (id.length() > 64 ? id.substring(0, 64) : id);
    }

    private static String maskedNumber(String accountNumber) {
        if (accountNumber == null || accountNumber.length() <= 4) {
            return "****";
        }
        return "*".repeat(Math.min(6, accountNumber.length() - 4)) + accountNumber.substring(accountNumber.length() - 4);
    }
}
