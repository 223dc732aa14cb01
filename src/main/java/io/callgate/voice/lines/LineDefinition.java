package io.callgate.voice.lines;

import java.util.List;

/**
 * A line as an admin writes it (JSON body or YAML import), with its passcode and PINs in plain; they are hashed
 * before anything is stored. Left-out settings take their defaults; a left-out passcode or PIN keeps the one the
 * line already has.
 */
public record LineDefinition(
        String path,
        String name,
        String conference,
        String mode,
        String carrier,
        String verifyService,
        List<MemberDefinition> members,
        LinePrompts prompts,
        Integer maxParticipants,
        String beep,
        Boolean mutedOnEntry,
        String waitUrl,
        Boolean waitForModerator,
        String passcode,
        Integer retries,
        Integer maxFailuresPerHour) {

    /** A member as written: {@code role} member or moderator, {@code channel} sms, call or email. */
    public record MemberDefinition(String name, String phone, String email, String role, String channel, String pin) {
    }
}
