package io.callgate.verify;

import io.callgate.api.ApiException;
import io.callgate.delivery.Channel;
import io.callgate.delivery.Deliveries;
import io.callgate.delivery.MessageText;
import io.callgate.delivery.OutboundMessage;
import io.callgate.limits.BucketGate;
import io.callgate.limits.DestinationLimits;
import io.callgate.limits.GeoPermissions;
import io.callgate.limits.LimitHits;
import io.callgate.limits.PumpingGuard;
import io.callgate.system.Sids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a verification, as Twilio Verify runs it: start (or resend the same code), check,
 * cancel or approve, expire.
 *
 * <p>Every decision about a destination is taken in one transaction holding that destination's
 * lock, so per-verification and per-destination limits hold under any concurrency and across
 * nodes; within it, counters move only through conditional UPDATEs, and approval happens exactly
 * once. Delivery happens after the commit.
 */
@Component
class VerificationLifecycle implements Verifications {

    private final VerificationStore store;
    private final VerifyServices services;
    private final SendAttempts attempts;
    private final CodeVault vault;
    private final DestinationLimits destinationLimits;
    private final GeoPermissions geo;
    private final PumpingGuard pumping;
    private final BucketGate buckets;
    private final Deliveries deliveries;
    private final TransactionTemplate transactions;
    private final VerifyProperties properties;
    private final VerifyMetrics metrics;
    private final LimitHits limitHits;
    private final Clock clock;

    VerificationLifecycle(VerificationStore store, VerifyServices services, SendAttempts attempts, CodeVault vault,
                          DestinationLimits destinationLimits, GeoPermissions geo, PumpingGuard pumping, BucketGate buckets,
                          Deliveries deliveries, TransactionTemplate transactions, VerifyProperties properties,
                          VerifyMetrics metrics, LimitHits limitHits, Clock clock) {
        this.store = store;
        this.services = services;
        this.attempts = attempts;
        this.vault = vault;
        this.destinationLimits = destinationLimits;
        this.geo = geo;
        this.pumping = pumping;
        this.buckets = buckets;
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.properties = properties;
        this.metrics = metrics;
        this.limitHits = limitHits;
        this.clock = clock;
    }

    /** What the start transaction decided; the message waits in the outbox. */
    private record Sending(Verification verification, SendAttempt attempt, long outboxId, boolean created) {
    }

    @Override
    public Verification start(Start start) {
        VerifyService service = start.service();
        Destination destination = Destination.parse(start.to(), start.channel());
        if (start.channel().isPhone() == destination.isEmail()) {
            throw ApiException.invalidParameter("To");
        }
        if (start.customCode() != null) {
            if (!service.customCodeEnabled()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, 60204, "Service does not support this feature: CustomCode");
            }
            if (!OneTimeCode.isValidCustom(start.customCode())) {
                throw ApiException.invalidParameter("CustomCode");
            }
        }
        if (start.channel().isPhone()) {
            geo.requireAllowed(destination.country(), destination.masked(), service.allowedCountries());
        }
        if (!deliveries.serves(start.channel())) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 20503,
                    "No delivery provider is configured for channel " + start.channel().wireName(), Duration.ofSeconds(60));
        }
        buckets.admit(service.sid(), start.rateLimits());

        Sending sending = inTransaction(() -> {
            destinationLimits.lock(destination.address());
            Instant now = clock.instant();
            Optional<VerificationStore.Stored> pending = store.findPending(service.sid(), destination.address())
                    .filter(p -> !expireIfDue(p.verification(), now));
            destinationLimits.requireSendAllowed(destination.address(), destination.masked());
            if (start.channel().isPhone()) {
                pumping.admitSend(destination.address(), destination.country());
            }
            Verification verification;
            OneTimeCode code;
            boolean created = pending.isEmpty();
            if (pending.isPresent()) {
                VerificationStore.Stored stored = pending.get();
                String sid = stored.verification().sid();
                if (!store.countSend(sid, start.channel(), properties.maxSendAttempts(), now)) {
                    limitHits.hit("verification-sends", sid);
                    throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 60203, "Max send attempts reached");
                }
                if (start.customCode() != null) {
                    code = OneTimeCode.of(start.customCode());
                    store.replaceCode(sid, vault.hash(sid, code), vault.seal(sid, code));
                } else {
                    code = vault.unseal(sid, stored.sealedCode());
                }
                verification = store.find(sid).orElseThrow().verification();
            } else {
                String sid = Sids.next("VE");
                code = start.customCode() != null ? OneTimeCode.of(start.customCode()) : OneTimeCode.random(service.codeLength());
                verification = new Verification(sid, service.sid(), destination.address(), start.channel(),
                        VerificationStatus.PENDING, start.locale(), start.customFriendlyName(), 0, 1, now, now,
                        now.plus(service.codeValidity()));
                store.insert(verification, vault.hash(sid, code), vault.seal(sid, code));
            }
            destinationLimits.recordSend(destination.address());
            SendAttempt attempt = new SendAttempt(Sids.next("VL"), verification.sid(), service.sid(), start.channel(),
                    destination.address(), destination.country(), code.reveal().length(), start.locale(), "pending",
                    null, false, now, now);
            attempts.insert(attempt);
            long outboxId = deliveries.enqueue(message(service, start, verification, code, attempt), verification.expiresAt());
            return new Sending(verification, attempt, outboxId, created);
        });

        deliver(sending);
        if (sending.created()) {
            metrics.started(start.channel());
        }
        return sending.verification();
    }

    private static OutboundMessage message(VerifyService service, Start start, Verification verification, OneTimeCode code,
                                           SendAttempt attempt) {
        String name = start.customFriendlyName() != null ? start.customFriendlyName() : service.friendlyName();
        var content = new MessageText.Content(name, code.reveal(), service.codeValidity(),
                service.doNotShareWarningEnabled() && start.channel() == Channel.SMS);
        return MessageText.render(start.channel(), verification.to(), content, attempt.sid(), service.dtmfInputRequired());
    }

    /** The first try, right after the commit; the outbox retries whatever it leaves. */
    private void deliver(Sending sending) {
        if (deliveries.deliverNow(sending.outboxId()) == Deliveries.Result.REFUSED) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200,
                    "Invalid parameter: To (the destination was refused for delivery)");
        }
    }

    /** What a check decided inside its transaction; errors are raised after it commits. */
    private enum CheckOutcome { APPROVED, WRONG_CODE, LAST_WRONG_CODE, MAX_ATTEMPTS, NOT_FOUND }

    private record Decision(CheckOutcome outcome, Verification verification) {
    }

    @Override
    public Verification check(Check check) {
        VerifyService service = check.service();
        if (check.code() == null || check.code().isEmpty()) {
            throw ApiException.missingParameter("Code");
        }
        if (check.code().length() < 4 || check.code().length() > 10) {
            throw ApiException.invalidParameter("Code");
        }
        String notFound = "/Services/" + service.sid() + "/VerificationCheck";
        VerificationStore.Stored located;
        if (check.verificationSid() != null) {
            located = store.find(check.verificationSid()).filter(s -> s.verification().serviceSid().equals(service.sid()))
                    .orElseThrow(() -> notFound(notFound));
        } else if (check.to() != null) {
            Destination destination = Destination.parseAny(check.to());
            located = store.findLatest(service.sid(), destination.address()).orElseThrow(() -> notFound(notFound));
        } else {
            throw ApiException.missingParameter("To");
        }
        String sid = located.verification().sid();
        OneTimeCode candidate = OneTimeCode.of(check.code());

        // The answer shows the verification as this check left it, read under the lock: after the
        // commit a concurrent check may already have moved it on (to approved, for a wrong code).
        Decision decision = inTransaction(() -> {
            CheckOutcome outcome = decideCheck(located.verification().to(), sid, candidate);
            return new Decision(outcome, store.find(sid).orElseThrow().verification());
        });

        metrics.checked(decision.outcome().name().toLowerCase(java.util.Locale.ROOT));
        return switch (decision.outcome()) {
            case NOT_FOUND -> throw notFound(notFound);
            case MAX_ATTEMPTS -> {
                limitHits.hit("verification-checks", sid);
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 60202, "Max check attempts reached");
            }
            case APPROVED -> {
                metrics.approved(decision.verification().channel());
                yield decision.verification();
            }
            case WRONG_CODE, LAST_WRONG_CODE -> decision.verification();
        };
    }

    /** Decides one check under the destination's lock; call inside the check's transaction. */
    private CheckOutcome decideCheck(String to, String sid, OneTimeCode candidate) {
        destinationLimits.lock(to);
        Instant now = clock.instant();
        VerificationStore.Stored current = store.find(sid).orElseThrow();
        Verification v = current.verification();
        if (v.status() == VerificationStatus.MAX_ATTEMPTS_REACHED) {
            return CheckOutcome.MAX_ATTEMPTS;
        }
        if (!v.isPending() || expireIfDue(v, now)) {
            return CheckOutcome.NOT_FOUND;
        }
        destinationLimits.requireCheckAllowed(v.to(), Destination.mask(v.to()));
        if (!store.countCheck(sid, properties.maxCheckAttempts(), now)) {
            return CheckOutcome.MAX_ATTEMPTS;
        }
        if (vault.matches(sid, candidate, current.codeHash())) {
            if (store.finish(sid, VerificationStatus.APPROVED, now)) {
                converted(v, now);
                return CheckOutcome.APPROVED;
            }
            return CheckOutcome.NOT_FOUND;
        }
        destinationLimits.recordFailedCheck(v.to());
        if (v.checkAttempts() + 1 >= properties.maxCheckAttempts()) {
            store.finish(sid, VerificationStatus.MAX_ATTEMPTS_REACHED, now);
            return CheckOutcome.LAST_WRONG_CODE;
        }
        return CheckOutcome.WRONG_CODE;
    }

    @Override
    public Verification update(VerifyService service, String sid, VerificationStatus status) {
        if (status != VerificationStatus.CANCELED && status != VerificationStatus.APPROVED) {
            throw ApiException.invalidParameter("Status");
        }
        String path = "/Services/" + service.sid() + "/Verifications/" + sid;
        Verification found = store.find(sid).map(VerificationStore.Stored::verification)
                .filter(v -> v.serviceSid().equals(service.sid())).orElseThrow(() -> notFound(path));
        boolean changed = inTransaction(() -> {
            destinationLimits.lock(found.to());
            Instant now = clock.instant();
            Verification v = store.find(sid).orElseThrow().verification();
            if (!v.isPending() || expireIfDue(v, now) || !store.finish(sid, status, now)) {
                return false;
            }
            if (status == VerificationStatus.APPROVED) {
                converted(v, now);
            }
            return true;
        });
        if (!changed) {
            throw notFound(path);
        }
        if (status == VerificationStatus.APPROVED) {
            metrics.approved(found.channel());
        }
        return store.find(sid).orElseThrow().verification();
    }

    @Override
    public Verification fetchPending(VerifyService service, String sid) {
        return find(sid).filter(v -> v.serviceSid().equals(service.sid()) && v.isPending())
                .orElseThrow(() -> notFound("/Services/" + service.sid() + "/Verifications/" + sid));
    }

    @Override
    public Optional<Verification> find(String sid) {
        return store.find(sid).map(VerificationStore.Stored::verification).map(v -> {
            if (v.isPending() && expireIfDue(v, clock.instant())) {
                return store.find(sid).orElseThrow().verification();
            }
            return v;
        });
    }

    @Override
    public List<SendAttempt> attempts(String verificationSid) {
        return attempts.forVerification(verificationSid);
    }

    @Override
    public Optional<String> codeToSpeak(String attemptSid, String providerId, String callSid) {
        if (callSid == null || callSid.isBlank()) {
            return Optional.empty();
        }
        return attempts.find(attemptSid)
                .filter(a -> a.channel() == Channel.CALL && attempts.deliveredBy(a.sid(), providerId, callSid))
                .flatMap(a -> store.find(a.verificationSid()))
                .filter(s -> s.verification().channel() == Channel.CALL && s.verification().isPending()
                        && !expireIfDue(s.verification(), clock.instant()) && s.sealedCode() != null)
                .map(s -> vault.unseal(s.verification().sid(), s.sealedCode()).reveal());
    }

    @Override
    public boolean anyServiceRequiresKeypress() {
        return services.anyRequiresKeypress();
    }

    private void converted(Verification v, Instant now) {
        attempts.markConverted(v.sid(), now);
        if (v.channel().isPhone()) {
            pumping.recordConversion(v.to());
        }
    }

    /** Marks a pending verification past its validity as expired; true when it is. */
    private boolean expireIfDue(Verification v, Instant now) {
        if (!v.isExpiredAt(now)) {
            return false;
        }
        if (store.finish(v.sid(), VerificationStatus.EXPIRED, now)) {
            metrics.expired(v.channel(), 1);
        }
        return true;
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private static ApiException notFound(String path) {
        return ApiException.notFound(path);
    }
}
