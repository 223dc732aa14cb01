package io.callgate.video;

import static io.callgate.api.Fields.invalid;
import static io.callgate.api.Fields.require;
import static io.callgate.api.Fields.text;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.Fields;
import io.callgate.delivery.Channel;
import io.callgate.verify.Destination;
import io.callgate.verify.VerifyProperties;
import io.callgate.verify.VerifyService;
import io.callgate.verify.VerifyServices;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating, replacing and deleting rooms and their participants, checked before anything is stored. A new room
 * gets a Verify service of its own, named after it, so its messages say which room the code is for. Removing a
 * participant also closes their open tickets; the gate looks them up again before every token anyway.
 */
@Component
class RoomAdministration {

    private static final Logger log = LoggerFactory.getLogger(RoomAdministration.class);
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_PARTICIPANTS = 1000;

    /** A room as an admin writes it; participants, when given, replace the room's list. */
    record RoomForm(String name, String kind,
                    @JsonProperty("display_name") @JsonAlias("displayName") String displayName,
                    @JsonProperty("link_template") @JsonAlias("linkTemplate") String linkTemplate,
                    List<ParticipantForm> participants) {
    }

    /** A participant as written: {@code channel} sms, call or email; {@code role} participant or moderator. */
    record ParticipantForm(String identity, String name, String phone, String email, String channel, String role) {
    }

    record Saved<T>(T value, boolean created) {
    }

    private final Rooms rooms;
    private final Tickets tickets;
    private final RoomTokens tokens;
    private final VerifyServices services;
    private final VerifyProperties verifyProperties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RoomAdministration(Rooms rooms, Tickets tickets, RoomTokens tokens, VerifyServices services,
                       VerifyProperties verifyProperties, TransactionTemplate transactions, Clock clock) {
        this.rooms = rooms;
        this.tickets = tickets;
        this.tokens = tokens;
        this.services = services;
        this.verifyProperties = verifyProperties;
        this.transactions = transactions;
        this.clock = clock;
    }

    Saved<Room> create(RoomForm form) {
        if (form != null && form.name() != null && rooms.find(form.name()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, 20409, "A room named " + form.name() + " already exists");
        }
        return save(form);
    }

    /** Creates the room or replaces the one with this name. */
    Saved<Room> put(String name, RoomForm form) {
        if (form != null && form.name() != null && !form.name().equals(name)) {
            throw invalid("name", "the name of the URL, or none");
        }
        return save(form == null ? null : new RoomForm(name, form.kind(), form.displayName(), form.linkTemplate(),
                form.participants()));
    }

    boolean delete(String name) {
        boolean deleted = Boolean.TRUE.equals(transactions.execute(tx -> {
            tickets.deleteRoom(name);
            return rooms.delete(name);
        }));
        if (deleted) {
            log.info("video room {} deleted", name);
        }
        return deleted;
    }

    Saved<Participant> putParticipant(String roomName, String identity, ParticipantForm form, boolean mustBeNew) {
        Room room = rooms.find(roomName).orElseThrow(() -> notFound("/admin/rooms/" + roomName));
        if (form != null && identity != null && form.identity() != null
                && !form.identity().strip().toLowerCase(Locale.ROOT).equals(identity)) {
            throw invalid("identity", "the identity of the URL, or none");
        }
        Participant p = participant(form == null ? null : identity == null ? form
                : new ParticipantForm(identity, form.name(), form.phone(), form.email(), form.channel(), form.role()), "");
        boolean created = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (mustBeNew && rooms.participant(room.name(), p.identity()).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, 20409,
                        "Room " + room.name() + " already has a participant " + p.identity());
            }
            return rooms.saveParticipant(room.name(), p, clock.instant());
        }));
        log.info("video room {}: participant {} {} ({})", room.name(), p.identity(), created ? "added" : "replaced", p.role());
        return new Saved<>(p, created);
    }

    boolean removeParticipant(String roomName, String identity) {
        boolean removed = Boolean.TRUE.equals(transactions.execute(tx -> {
            tickets.closeFor(roomName, identity);
            return rooms.removeParticipant(roomName, identity);
        }));
        if (removed) {
            log.info("video room {}: participant {} removed; no more tokens for them", roomName, identity);
        }
        return removed;
    }

    private Saved<Room> save(RoomForm form) {
        if (form == null) {
            throw invalid("body", "a room");
        }
        String name = require(form.name(), "name");
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "1 to 63 lower-case letters, digits and dashes");
        }
        RoomKind kind = RoomKind.parse(require(form.kind(), "kind").strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> invalid("kind", "livekit, jitsi or twilio"));
        tokens.missingSettings(kind).ifPresent(missing -> {
            throw invalid("kind", "a kind whose token settings are configured; set " + missing);
        });
        String displayName = text(form.displayName() == null ? name : form.displayName(), "display_name", 120);
        String link = form.linkTemplate() == null || form.linkTemplate().isBlank() ? null : link(form.linkTemplate().strip());
        List<Participant> participants = form.participants() == null ? null : participants(form.participants());
        Instant now = clock.instant();
        Optional<Room> replaced = rooms.find(name);
        boolean created = Boolean.TRUE.equals(transactions.execute(tx -> {
            String service = replaced.map(Room::verifyService).orElseGet(() -> ownService(displayName, now));
            Room room = new Room(name, kind, displayName, link, service, replaced.map(Room::dateCreated).orElse(now), now);
            boolean isNew = rooms.save(room);
            if (participants != null) {
                Set<String> kept = new HashSet<>();
                participants.forEach(p -> {
                    kept.add(p.identity());
                    rooms.saveParticipant(name, p, now);
                });
                rooms.participants(name).stream().filter(p -> !kept.contains(p.identity())).forEach(p -> {
                    tickets.closeFor(name, p.identity());
                    rooms.removeParticipant(name, p.identity());
                });
            }
            return isNew;
        }));
        Room room = rooms.find(name).orElseThrow();
        log.info("video room {} {} ({})", name, created ? "created" : "replaced", kind.wireName());
        if (kind == RoomKind.TWILIO) {
            log.warn("video room {} uses Twilio Programmable Video, which closes on 5 December 2026", name);
        }
        return new Saved<>(room, created);
    }

    private String ownService(String displayName, Instant now) {
        VerifyService service = VerifyService.named(displayName, verifyProperties.codeValidity(), false, now);
        services.insert(service);
        return service.sid();
    }

    private static List<Participant> participants(List<ParticipantForm> given) {
        if (given.size() > MAX_PARTICIPANTS) {
            throw invalid("participants", "at most " + MAX_PARTICIPANTS + " participants");
        }
        List<Participant> participants = new ArrayList<>();
        Set<String> identities = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Participant p = participant(given.get(i), "participants[" + i + "].");
            if (!identities.add(p.identity())) {
                throw invalid("participants[" + i + "].identity", "an identity no other participant of the room has");
            }
            participants.add(p);
        }
        return participants;
    }

    private static Participant participant(ParticipantForm form, String at) {
        if (form == null) {
            throw invalid(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "a participant");
        }
        String identity = require(form.identity(), at + "identity").strip().toLowerCase(Locale.ROOT);
        if (!Participant.IDENTITY.matcher(identity).matches()) {
            throw invalid(at + "identity", "1 to 64 lower-case letters, digits and . _ @ + -");
        }
        String phone = null;
        if (form.phone() != null && !form.phone().isBlank()) {
            try {
                phone = Destination.phone(form.phone().strip()).address();
            } catch (ApiException e) {
                throw invalid(at + "phone", "an E.164 number such as +14155550100");
            }
        }
        String email = null;
        if (form.email() != null && !form.email().isBlank()) {
            try {
                email = Destination.email(form.email().strip()).address();
            } catch (ApiException e) {
                throw invalid(at + "email", "an email address");
            }
        }
        if (phone == null && email == null) {
            throw invalid(at + "phone", "a phone number or an email address to send codes to");
        }
        Channel channel;
        try {
            channel = form.channel() == null ? (phone != null ? Channel.SMS : Channel.EMAIL)
                    : Channel.parse(form.channel().strip().toLowerCase(Locale.ROOT));
        } catch (ApiException e) {
            throw invalid(at + "channel", "sms, call or email");
        }
        if (channel.isPhone() && phone == null) {
            throw invalid(at + "phone", "a phone number for a participant whose codes go by " + channel.wireName());
        }
        if (channel == Channel.EMAIL && email == null) {
            throw invalid(at + "email", "an email address for a participant whose codes go by email");
        }
        String role = form.role() == null ? "participant" : form.role().strip().toLowerCase(Locale.ROOT);
        if (!role.equals("participant") && !role.equals("moderator")) {
            throw invalid(at + "role", "participant or moderator");
        }
        String name = text(form.name() == null ? identity : form.name(), at + "name", 200);
        return new Participant(identity, name, phone, email, channel, role.equals("moderator"));
    }

    /** An absolute http(s) URL that carries the token; {@code {room}} is optional. */
    private static String link(String template) {
        if (!template.contains("{token}")) {
            throw invalid("link_template", "a URL with {token} where the token goes");
        }
        if (template.length() > 2000) {
            throw invalid("link_template", "at most 2000 characters");
        }
        Fields.httpUrl(template.replace("{room}", "room").replace("{token}", "token"), "link_template");
        return template;
    }

    static ApiException notFound(String path) {
        return ApiException.notFound(path);
    }
}
