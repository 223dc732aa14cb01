package io.callgate.voice.lines;

import io.callgate.delivery.Channel;

/**
 * A person a line knows.
 *
 * @param phone E.164
 * @param email optional; required when the code goes by email
 * @param channel how this member's one-time codes go out on a {@code verified} line
 * @param pinHash Argon2id PHC string of the member's PIN; null when none is set
 */
public record LineMember(String name, String phone, String email, boolean moderator, Channel channel, String pinHash) {

    /** Where this member's code goes. */
    public String codeDestination() {
        return channel == Channel.EMAIL ? email : phone;
    }
}
