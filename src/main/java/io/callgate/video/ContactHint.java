package io.callgate.video;

import io.callgate.delivery.Channel;
import io.callgate.verify.Destination;

/** What the gate shows of where a code went: the channel and a glimpse of the address ({@code ••••••76}). */
record ContactHint(Channel channel, String text) {

    static ContactHint of(Participant participant) {
        return new ContactHint(participant.channel(), Destination.hint(participant.codeDestination()));
    }
}
