package io.callgate.voice.lines;

import io.callgate.api.Iso;
import java.util.List;

/** A line as the admin API shows it: settings and members, never a passcode, PIN or their hashes. */
public record LineView(
        String path,
        String webhookUrl,
        String name,
        String conference,
        String mode,
        String carrier,
        String verifyService,
        List<MemberView> members,
        LinePrompts prompts,
        int maxParticipants,
        String beep,
        boolean mutedOnEntry,
        String waitUrl,
        boolean waitForModerator,
        boolean passcodeSet,
        int retries,
        int maxFailuresPerHour,
        String dateCreated,
        String dateUpdated) {

    public record MemberView(String name, String phone, String email, String role, String channel, boolean pinSet) {
    }

    static LineView of(ConferenceLine line, String webhookUrl) {
        return new LineView(line.path(), webhookUrl, line.name(), line.conference(), line.mode().wireName(), line.carrier(),
                line.verifyService(),
                line.members().stream().map(m -> new MemberView(m.name(), m.phone(), m.email(),
                        m.moderator() ? "moderator" : "member", m.channel().wireName(), m.pinHash() != null)).toList(),
                line.prompts(), line.maxParticipants(), line.beep(), line.mutedOnEntry(), line.waitUrl(),
                line.waitForModerator(), line.passcodeHash() != null, line.retries(), line.maxFailuresPerHour(),
                Iso.format(line.dateCreated()), Iso.format(line.dateUpdated()));
    }
}
