package io.callgate.video;

import io.callgate.delivery.Channel;
import java.util.regex.Pattern;

/**
 * A person a room knows.
 *
 * @param identity what they type at the gate, and their identity inside the token
 * @param channel how their one-time codes go out; the matching phone or email is set
 * @param moderator the room's policy for them: moderators get the room's admin rights in their token
 */
record Participant(String identity, String name, String phone, String email, Channel channel, boolean moderator) {

    /** Identities as stored and as typed at the gate, after lower-casing. */
    static final Pattern IDENTITY = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,63}");

    /** Where this participant's code goes. */
    String codeDestination() {
        return channel == Channel.EMAIL ? email : phone;
    }

    String role() {
        return moderator ? "moderator" : "participant";
    }
}
