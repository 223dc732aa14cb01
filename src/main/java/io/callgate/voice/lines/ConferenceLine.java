package io.callgate.voice.lines;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A protected conference line, as stored (secrets only as hashes).
 *
 * @param path the line's webhook is {@code /voice/lines/{path}}
 * @param conference the conference room callers join
 * @param carrier the carrier whose token signs this line's webhooks; null: the default carrier
 * @param verifyService the Verify service that sends this line's one-time codes ({@code verified} lines)
 * @param waitUrl what callers hear while waiting for the conference to start; null: the carrier's music
 * @param waitForModerator whether the conference starts only when a moderator joins, and ends when the last one leaves
 * @param passcodeHash Argon2id PHC string of the passcode ({@code passcode} lines)
 * @param retries tries per call for a passcode, PIN or code
 * @param maxFailuresPerHour failed passcodes, PINs and codes per hour across all callers, after which the line refuses entries
 */
public record ConferenceLine(
        String path,
        String name,
        String conference,
        LineMode mode,
        String carrier,
        String verifyService,
        List<LineMember> members,
        LinePrompts prompts,
        int maxParticipants,
        String beep,
        boolean mutedOnEntry,
        String waitUrl,
        boolean waitForModerator,
        String passcodeHash,
        int retries,
        int maxFailuresPerHour,
        Instant dateCreated,
        Instant dateUpdated) {

    public ConferenceLine {
        members = List.copyOf(members);
    }

    /** The member whose phone is this caller ID (E.164), if any. */
    public Optional<LineMember> memberByPhone(String e164) {
        return e164 == null ? Optional.empty() : members.stream().filter(m -> m.phone().equals(e164)).findFirst();
    }
}
