package io.callgate.video;

import io.callgate.api.ApiException;
import io.callgate.limits.SubjectLocks;
import io.callgate.verify.Destination;
import io.callgate.verify.Verification;
import io.callgate.verify.VerificationStatus;
import io.callgate.verify.Verifications;
import io.callgate.verify.VerifyProperties;
import io.callgate.verify.VerifyService;
import io.callgate.verify.VerifyServices;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gate's two steps. {@link #enter}: an identity in, a ticket and a hint of where the code went out.
 * {@link #admit}: the ticket and the code in, a join token out.
 *
 * <p>An identity the room does not know is answered like one it knows: a ticket (stored, and counted against
 * the same cap), a stand-in hint ({@link DecoyHints}), the same time ({@code answer-floor}); only no code is sent.
 * Its codes then fail as wrong codes do, with the same count of tries, which the ticket keeps for both.
 *
 * <p>A token is minted only when the code is approved <em>and</em> the person is still a participant at that
 * moment, looked up again after the approval: removing someone stops their next token at once.
 */
@Component
class VideoGate {

    private static final Logger log = LoggerFactory.getLogger(VideoGate.class);
    private static final Pattern CODE = Pattern.compile("[0-9]{4,10}");

    /** A ticket handed out, and what the person may be told about their code. */
    record Entry(String ticket, ContactHint hint, Instant expiresAt) {

        @Override
        public String toString() {
            return "Entry[" + hint + "]";
        }
    }

    /** A participant let in. */
    record Admission(Room room, Participant participant, RoomTokens.RoomToken token) {
    }

    private final Rooms rooms;
    private final Tickets tickets;
    private final DecoyHints decoys;
    private final RoomTokens tokens;
    private final Verifications verifications;
    private final VerifyServices services;
    private final SubjectLocks locks;
    private final TransactionTemplate transactions;
    private final VideoProperties properties;
    private final int maxAttempts;
    private final Clock clock;
    private final ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();

    VideoGate(Rooms rooms, Tickets tickets, DecoyHints decoys, RoomTokens tokens, Verifications verifications,
              VerifyServices services, SubjectLocks locks, TransactionTemplate transactions, VideoProperties properties,
              VerifyProperties verifyProperties, Clock clock) {
        this.rooms = rooms;
        this.tickets = tickets;
        this.decoys = decoys;
        this.tokens = tokens;
        this.verifications = verifications;
        this.services = services;
        this.locks = locks;
        this.transactions = transactions;
        this.properties = properties;
        this.maxAttempts = verifyProperties.maxCheckAttempts();
        this.clock = clock;
    }

    Room room(String name) {
        return (name == null ? Optional.<Room>empty() : rooms.find(name))
                .orElseThrow(() -> new GateRefusal(GateRefusal.Reason.UNKNOWN_ROOM));
    }

    /** Step one: a person says who they are. */
    Entry enter(String roomName, String typedIdentity, Locale locale) {
        Room room = room(roomName);
        long begun = System.nanoTime();
        try {
            String identity = identity(typedIdentity);
            VerifyService service = service(room);
            // The same reads for everyone: the whole room, then the person is looked for in it.
            List<Participant> participants = rooms.participants(room.name());
            Optional<Participant> known = participants.stream().filter(p -> p.identity().equals(identity)).findFirst();
            ContactHint hint = known.map(ContactHint::of).orElseGet(() -> decoys.forUnknown(room, identity, participants));
            Instant expiresAt = clock.instant().plus(service.codeValidity());
            String ticket = transactions.execute(tx -> issue(room, identity, hint, expiresAt));
            known.ifPresent(p -> send(service, room, p, locale, begun));
            return new Entry(ticket, hint, expiresAt);
        } finally {
            waitOutFloor(begun);
        }
    }

    /** Step two: the code that came with the ticket. */
    Admission admit(String roomName, String ticketText, String code) {
        Room room = room(roomName);
        long begun = System.nanoTime();
        try {
            Tickets.Ticket ticket = tickets.find(ticketText)
                    .filter(t -> t.room().equals(room.name()) && !t.redeemed() && t.expiresAt().isAfter(clock.instant()))
                    .orElseThrow(() -> new GateRefusal(GateRefusal.Reason.INVALID_TICKET));
            if (code == null || !CODE.matcher(code.strip()).matches()) {
                throw new GateRefusal(GateRefusal.Reason.INVALID_CODE, ticket.hint(), maxAttempts - ticket.attempts(), null);
            }
            if (!tickets.countAttempt(ticket, maxAttempts, clock.instant())) {
                throw new GateRefusal(GateRefusal.Reason.TOO_MANY_ATTEMPTS, ticket.hint(), 0, null);
            }
            int left = maxAttempts - ticket.attempts() - 1;
            boolean approved = rooms.participant(room.name(), ticket.identity())
                    .map(p -> approves(room, p, code.strip()))
                    .orElse(false);
            // Looked up again: a participant removed while the code was being checked gets nothing.
            Optional<Participant> participant = approved ? rooms.participant(room.name(), ticket.identity()) : Optional.empty();
            if (participant.isEmpty()) {
                throw new GateRefusal(left > 0 ? GateRefusal.Reason.WRONG_CODE : GateRefusal.Reason.TOO_MANY_ATTEMPTS,
                        ticket.hint(), left, null);
            }
            if (!tickets.redeem(ticket, clock.instant())) {
                throw new GateRefusal(GateRefusal.Reason.INVALID_TICKET);
            }
            RoomTokens.RoomToken token = tokens.mint(room, participant.get());
            log.info("video room {}: token for {} ({}) until {}", room.name(), participant.get().identity(),
                    participant.get().role(), token.expiresAt());
            return new Admission(room, participant.get(), token);
        } finally {
            waitOutFloor(begun);
        }
    }

    private String issue(Room room, String identity, ContactHint hint, Instant expiresAt) {
        locks.lock("video:" + room.name() + ":" + identity);
        Instant now = clock.instant();
        Instant since = now.minus(properties.ticketWindow());
        tickets.purge(since);
        Tickets.Issued issued = tickets.issuedSince(room.name(), identity, since);
        if (issued.count() >= properties.maxTicketsPerIdentity()) {
            log.info("video room {}: ticket cap reached for identity {}", room.name(), identity);
            throw GateRefusal.tooManyTickets(Duration.between(now, issued.oldest().plus(properties.ticketWindow())));
        }
        return tickets.issue(room.name(), identity, hint, now, expiresAt);
    }

    /**
     * Starts the participant's verification, waiting for it no longer than the floor allows: a slow provider must
     * not make a known identity's answer later than an unknown one's. A refusal (a limit) is logged, not shown:
     * showing it would tell who is a participant; the person's code then simply does not work.
     */
    private void send(VerifyService service, Room room, Participant p, Locale locale, long begun) {
        String language = locale == null ? null : locale.getLanguage();
        CompletableFuture<Verification> started = CompletableFuture.supplyAsync(() -> verifications.start(
                new Verifications.Start(service, p.codeDestination(), p.channel(), language, null, null, Map.of())),
                sending);
        try {
            started.get(Math.max(1, remaining(begun)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            log.info("video room {}: code to {} still being sent", room.name(), Destination.mask(p.codeDestination()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException refused) {
                log.info("video room {}: no code sent to {}: {}", room.name(), Destination.mask(p.codeDestination()),
                        refused.getMessage());
            } else {
                log.warn("video room {}: code to {} not sent", room.name(), Destination.mask(p.codeDestination()), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean approves(Room room, Participant p, String code) {
        try {
            Verification checked = verifications.check(
                    new Verifications.Check(service(room), null, p.codeDestination(), code));
            return checked.status() == VerificationStatus.APPROVED;
        } catch (ApiException e) {
            // No pending code (never sent, expired, used) or the destination's own limit: not approved.
            log.info("video room {}: code for {} not checkable: {}", room.name(), p.identity(), e.getMessage());
            return false;
        }
    }

    private VerifyService service(Room room) {
        if (tokens.missingSettings(room.kind()).isPresent()) {
            log.error("video room {}: {} tokens cannot be signed: set {}", room.name(), room.kind().wireName(),
                    tokens.missingSettings(room.kind()).get());
            throw new GateRefusal(GateRefusal.Reason.UNAVAILABLE);
        }
        return services.find(room.verifyService()).orElseThrow(() -> {
            log.error("video room {}: its Verify service {} does not exist", room.name(), room.verifyService());
            return new GateRefusal(GateRefusal.Reason.UNAVAILABLE);
        });
    }

    static String identity(String typed) {
        String identity = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (!Participant.IDENTITY.matcher(identity).matches()) {
            throw new GateRefusal(GateRefusal.Reason.INVALID_IDENTITY);
        }
        return identity;
    }

    private long remaining(long begun) {
        return properties.answerFloor().toNanos() - (System.nanoTime() - begun);
    }

    /** Wall time, not the injected clock: this is about what someone timing the answers can measure. */
    private void waitOutFloor(long begun) {
        long left = remaining(begun);
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    void stop() {
        sending.close();
    }
}
