package io.callgate.verify;

import io.callgate.api.ApiException;
import io.callgate.delivery.Channel;
import io.callgate.delivery.Deliveries;
import io.callgate.delivery.MessageTemplates;
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
import java.util.function.Supplier;
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
    private final MessageTemplates templates;
    private final TransactionTemplate transactions;
    private final VerifyProperties properties;
    private final VerifyMetrics metrics;
    private final LimitHits limitHits;
    private final Clock clock;

    VerificationLifecycle(VerificationStore store, VerifyServices services, SendAttempts attempts, CodeVault vault,
                          DestinationLimits destinationLimits, GeoPermissions geo, PumpingGuard pumping, BucketGate buckets,
                          Deliveries deliveries, MessageTemplates templates, TransactionTemplate transactions, VerifyProperties properties,
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
        this.templates = templates;
        this.transactions = transactions;
        this.properties = properties;
        this.metrics = metrics;
        this.limitHits = limitHits;
        this.clock = clock;
    }

    /** What the start transaction decided; the message waits in the outbox. */
    private record Sending(Verification verification, SendAttempt attempt, long outboxId, boolean created) {
    }

    /** A verification as a start left it, with its send attempts when the start knows them all (a new one). */
    record Started(Verification verification, Optional<List<SendAttempt>> attempts) {
    }

    @Override
    public Verification start(Start start) {
        return send(start).verification();
    }

    /** {@link #start}, telling the attempts too when that needs no read. */
    Started send(Start start) {
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
                verification = stored.verification().resent(start.channel(), now);
            } else {
                String sid = Sids.next("VE");
                code = start.customCode() != null ? OneTimeCode.of(start.customCode()) : OneTimeCode.random(service.codeLength());
                verification = new Verification(sid, service.sid(), destination.address(), start.channel(),
                        VerificationStatus.PENDING, start.locale(), start.customFriendlyName(), 0, 1, now, now,
                        now.plus(service.codeValidity()));
                store.insert(verification, vault.hash(sid, code), vault.seal(sid, code));
            }
            destinationLimits.recordSend(destination.address());
            String language = templates.language(start.locale(), destination.country());
            SendAttempt attempt = new SendAttempt(Sids.next("VL"), verification.sid(), service.sid(), start.channel(),
                    destination.address(), destination.country(), code.reveal().length(), language, "pending",
                    null, false, now, now);
            attempts.insert(attempt);
            long outboxId = deliveries.enqueue(message(service, start, destination, code, attempt), verification.expiresAt());
            return new Sending(verification, attempt, outboxId, created);
        });

        deliver(sending);
        if (sending.created()) {
            metrics.started(start.channel());
            return new Started(sending.verification(), Optional.of(List.of(sending.attempt())));
        }
        return new Started(sending.verification(), Optional.empty());
    }

    /** The message in the language of the Locale asked for, else of the destination's country. */
    private OutboundMessage message(VerifyService service, Start start, Destination destination, OneTimeCode code,
                                    SendAttempt attempt) {
        String name = start.customFriendlyName() != null ? start.customFriendlyName() : service.friendlyName();
        var content = new MessageTemplates.Content(name, code.reveal(), service.codeValidity(),
                service.doNotShareWarningEnabled(), destination.masked());
        return templates.render(start.channel(), destination.address(), destination.country(), start.locale(), content,
                attempt.sid(), service.dtmfInputRequired());
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
        OneTimeCode candidate = OneTimeCode.of(check.code());
        Decision decision;
        if (check.verificationSid() != null) {
            String sid = check.verificationSid();
            // The destination names the lock, so the verification is looked up once before taking it.
            String to = store.find(sid).filter(s -> s.verification().serviceSid().equals(service.sid()))
                    .orElseThrow(() -> notFound(notFound)).verification().to();
            decision = inTransaction(() -> decideCheck(to, () -> store.find(sid), candidate));
        } else if (check.to() != null) {
            String to = Destination.parseAny(check.to()).address();
            decision = inTransaction(() -> decideCheck(to, () -> store.findLatest(service.sid(), to), candidate));
        } else {
            throw ApiException.missingParameter("To");
        }

        metrics.checked(decision.outcome().name().toLowerCase(java.util.Locale.ROOT));
        return switch (decision.outcome()) {
            case NOT_FOUND -> throw notFound(notFound);
            case MAX_ATTEMPTS -> {
                limitHits.hit("verification-checks", decision.verification().sid());
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 60202, "Max check attempts reached");
            }
            case APPROVED -> {
                metrics.approved(decision.verification().channel());
                yield decision.verification();
            }
            case WRONG_CODE, LAST_WRONG_CODE -> decision.verification();
        };
    }

    /**
     * Decides one check under the destination's lock; call inside the check's transaction. The verification is
     * read under the lock and the decision tells it as this check left it: after the commit a concurrent check
     * may already have moved it on (to approved, for a wrong code).
     */
    private Decision decideCheck(String to, Supplier<Optional<VerificationStore.Stored>> verification,
                                 OneTimeCode candidate) {
        destinationLimits.lock(to);
        Instant now = clock.instant();
        VerificationStore.Stored current = verification.get().orElse(null);
        if (current == null) {
            return new Decision(CheckOutcome.NOT_FOUND, null);
        }
        Verification v = current.verification();
        String sid = v.sid();
        int max = properties.maxCheckAttempts();
        if (v.status() == VerificationStatus.MAX_ATTEMPTS_REACHED) {
            return new Decision(CheckOutcome.MAX_ATTEMPTS, v);
        }
        if (!v.isPending() || expireIfDue(v, now)) {
            return new Decision(CheckOutcome.NOT_FOUND, v);
        }
        destinationLimits.requireCheckAllowed(v.to(), Destination.mask(v.to()));
        // Either way the attempt is counted by one conditional UPDATE; the right code is approved by the same one.
        if (vault.matches(sid, candidate, current.codeHash())) {
            if (!store.countCheckAndApprove(sid, max, now)) {
                return new Decision(v.checkAttempts() >= max ? CheckOutcome.MAX_ATTEMPTS : CheckOutcome.NOT_FOUND, v);
            }
            converted(v, now);
            return new Decision(CheckOutcome.APPROVED, v.checked(now).finished(VerificationStatus.APPROVED, now));
        }
        if (!store.countCheck(sid, max, now)) {
            return new Decision(CheckOutcome.MAX_ATTEMPTS, v);
        }
        destinationLimits.recordFailedCheck(v.to());
        Verification counted = v.checked(now);
        if (counted.checkAttempts() >= max) {
            store.finish(sid, VerificationStatus.MAX_ATTEMPTS_REACHED, now);
            return new Decision(CheckOutcome.LAST_WRONG_CODE, counted.finished(VerificationStatus.MAX_ATTEMPTS_REACHED, now));
        }
        return new Decision(CheckOutcome.WRONG_CODE, counted);
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

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private static ApiException notFound(String path) {
        return ApiException.notFound(path);
    }
}
