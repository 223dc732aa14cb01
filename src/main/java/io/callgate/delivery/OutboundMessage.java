package io.callgate.delivery;

/**
 * One message to deliver. It carries the code because some providers need it apart from the
 * text (a call reads it digit by digit); {@link #toString()} hides both.
 *
 * @param reference the send attempt this delivers ({@code VL…})
 * @param subject the email subject; null for sms and call
 */
public record OutboundMessage(Channel channel, String to, String subject, String body, String code, String reference) {

    @Override
    public String toString() {
        return "OutboundMessage[" + channel.wireName() + " " + reference + "]";
    }
}
