package io.callgate.video;

import io.callgate.delivery.Channel;
import io.callgate.system.ServerSecrets;
import io.callgate.verify.Destination;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stand-in hints for identities a room does not know, so the gate answers them as it answers its participants:
 * the same shape, channels in the room's own mix, and the same value each time for the same identity (keyed
 * with a server secret, so nobody can tell a stand-in from a real one by computing it).
 */
@Component
class DecoyHints {

    private final byte[] key;

    DecoyHints(ServerSecrets secrets) {
        this.key = secrets.derivedKey("video-decoy-hint");
    }

    ContactHint forUnknown(Room room, String identity, List<Participant> participants) {
        byte[] h = ServerSecrets.hmac(key, (room.name() + "\n" + identity).getBytes(StandardCharsets.UTF_8));
        Channel channel = participants.isEmpty() ? Channel.SMS
                : participants.get(Byte.toUnsignedInt(h[0]) % participants.size()).channel();
        String text = channel == Channel.EMAIL
                ? Destination.emailHint(letter(h[1]), letter(h[2]))
                : Destination.numberHint("" + Byte.toUnsignedInt(h[3]) % 10 + Byte.toUnsignedInt(h[4]) % 10);
        return new ContactHint(channel, text);
    }

    private static char letter(byte b) {
        return (char) ('a' + Byte.toUnsignedInt(b) % 26);
    }
}
