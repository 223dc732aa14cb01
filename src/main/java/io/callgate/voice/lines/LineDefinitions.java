package io.callgate.voice.lines;

import static io.callgate.api.Fields.require;
import static io.callgate.api.Fields.text;

import io.callgate.api.ApiException;
import io.callgate.api.Fields;
import io.callgate.delivery.Channel;
import io.callgate.directory.PinHasher;
import io.callgate.verify.Destination;
import io.callgate.voice.Carriers;
import io.callgate.voice.Twiml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a line as an admin wrote it and turns it into the stored line: numbers normalised to E.164, passcode
 * and PINs hashed (or kept from the line it replaces when left out), defaults filled in.
 */
@Component
class LineDefinitions {

    static final Pattern PATH = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int MAX_MEMBERS = 500;
    private static final int MAX_TEXT = 1000;

    private final PinHasher hasher;
    private final Carriers carriers;

    LineDefinitions(PinHasher hasher, Carriers carriers) {
        this.hasher = hasher;
        this.carriers = carriers;
    }

    ConferenceLine toLine(LineDefinition d, Optional<ConferenceLine> replaced, Instant now) {
        if (d == null) {
            throw invalid("body", "a line");
        }
        String path = require(d.path(), "path");
        if (!PATH.matcher(path).matches()) {
            throw invalid("path", "1 to 63 lower-case letters, digits and dashes");
        }
        LineMode mode;
        try {
            mode = LineMode.parse(require(d.mode(), "mode"));
        } catch (IllegalArgumentException e) {
            throw invalid("mode", "open, passcode, allowlist, verified or pin");
        }
        String name = text(d.name() == null ? path : d.name(), "name", 200);
        String conference = text(d.conference() == null ? path : d.conference(), "conference", 128);
        if (d.carrier() != null && !carriers.exists(d.carrier())) {
            throw invalid("carrier", "the name of a carrier configured under callgate.voice.carriers");
        }
        int maxParticipants = range(d.maxParticipants(), 250, 2, 250, "maxParticipants");
        String beep;
        try {
            beep = Twiml.Beep.fromWireName(d.beep() == null ? "true" : d.beep()).wireName();
        } catch (IllegalArgumentException e) {
            throw invalid("beep", "true, false, onEnter or onExit");
        }
        String waitUrl = d.waitUrl() == null || d.waitUrl().isBlank() ? null : url(d.waitUrl(), "waitUrl");
        boolean waitForModerator = Boolean.TRUE.equals(d.waitForModerator());
        if (waitForModerator && !mode.identifiesMembers()) {
            throw invalid("waitForModerator", "only for allowlist, verified and pin lines, which know who a moderator is");
        }
        int retries = range(d.retries(), 3, 1, 10, "retries");
        int maxFailures = range(d.maxFailuresPerHour(), 20, 1, 10_000, "maxFailuresPerHour");
        List<LineMember> members = members(d.members(), mode, replaced);
        if (waitForModerator && members.stream().noneMatch(LineMember::moderator)) {
            throw invalid("waitForModerator", "a line that waits for a moderator needs a member with role moderator");
        }
        if (mode.identifiesMembers() && members.isEmpty()) {
            throw invalid("members", "at least one member for an " + mode.wireName() + " line");
        }
        String passcodeHash = null;
        if (mode == LineMode.PASSCODE) {
            if (d.passcode() != null) {
                if (!DIGITS.matcher(d.passcode()).matches() || d.passcode().length() < 4 || d.passcode().length() > 12) {
                    throw invalid("passcode", "4 to 12 digits");
                }
                passcodeHash = hasher.hash(d.passcode());
            } else {
                passcodeHash = replaced.map(ConferenceLine::passcodeHash).orElseThrow(
                        () -> invalid("passcode", "a passcode for a passcode line"));
            }
        }
        LinePrompts prompts = prompts(d.prompts() == null ? LinePrompts.DEFAULTS : d.prompts());
        Instant created = replaced.map(ConferenceLine::dateCreated).orElse(now);
        return new ConferenceLine(path, name, conference, mode, d.carrier(),
                d.verifyService() == null || d.verifyService().isBlank()
                        ? replaced.map(ConferenceLine::verifyService).orElse(null) : d.verifyService(), members, prompts,
                maxParticipants, beep, Boolean.TRUE.equals(d.mutedOnEntry()), waitUrl, waitForModerator, passcodeHash,
                retries, maxFailures, created, now);
    }

    private List<LineMember> members(List<LineDefinition.MemberDefinition> given, LineMode mode,
                                     Optional<ConferenceLine> replaced) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_MEMBERS) {
            throw invalid("members", "at most " + MAX_MEMBERS + " members");
        }
        List<LineMember> members = new ArrayList<>();
        Set<String> phones = new HashSet<>();
        Set<String> pins = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "members[" + i + "].";
            LineDefinition.MemberDefinition m = given.get(i);
            if (m == null) {
                throw invalid("members[" + i + "]", "a member");
            }
            String phone;
            try {
                phone = Destination.phone(require(m.phone(), at + "phone").trim()).address();
            } catch (ApiException e) {
                throw invalid(at + "phone", "an E.164 number such as +14155550100");
            }
            if (!phones.add(phone)) {
                throw invalid(at + "phone", "a number no other member of the line has");
            }
            String email = null;
            if (m.email() != null && !m.email().isBlank()) {
                try {
                    email = Destination.email(m.email().trim()).address();
                } catch (ApiException e) {
                    throw invalid(at + "email", "an email address");
                }
            }
            String role = m.role() == null ? "member" : m.role().toLowerCase(Locale.ROOT);
            if (!role.equals("member") && !role.equals("moderator")) {
                throw invalid(at + "role", "member or moderator");
            }
            Channel channel;
            try {
                channel = m.channel() == null ? Channel.SMS : Channel.parse(m.channel().toLowerCase(Locale.ROOT));
            } catch (ApiException e) {
                throw invalid(at + "channel", "sms, call or email");
            }
            if (channel == Channel.EMAIL && email == null) {
                throw invalid(at + "email", "an email address for a member whose codes go by email");
            }
            String pinHash;
            if (m.pin() != null) {
                if (!PinPolicy.acceptable(m.pin())) {
                    throw invalid(at + "pin", PinPolicy.RULE);
                }
                if (!pins.add(m.pin())) {
                    throw invalid(at + "pin", "a PIN no other member of the line has (the PIN tells who is calling)");
                }
                pinHash = hasher.hash(m.pin());
            } else {
                pinHash = replaced.flatMap(r -> r.memberByPhone(phone)).map(LineMember::pinHash).orElse(null);
            }
            if (mode == LineMode.PIN && pinHash == null) {
                throw invalid(at + "pin", "a PIN for every member of a pin line");
            }
            members.add(new LineMember(text(require(m.name(), at + "name"), at + "name", 200), phone, email,
                    role.equals("moderator"), channel, pinHash));
        }
        return members;
    }

    private static LinePrompts prompts(LinePrompts p) {
        LinePrompts filled = p.withDefaults();
        for (var component : LinePrompts.class.getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(filled);
                if (value instanceof String s && s.length() > MAX_TEXT) {
                    throw invalid("prompts." + component.getName(), "at most " + MAX_TEXT + " characters");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return filled;
    }

    private static String url(String value, String field) {
        return Fields.httpUrl(value, field).toString();
    }

    private static int range(Integer value, int fallback, int min, int max, String field) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw invalid(field, "a number from " + min + " to " + max);
        }
        return v;
    }

    static ApiException invalid(String field, String expected) {
        return Fields.invalid(field, expected);
    }
}
