package io.callgate.delivery;

/**
 * One message to deliver. It carries the code because some providers need it apart from the
 * text (a call reads it digit by digit); {@link #toString()} hides both.
 *
 * @param reference the send attempt this delivers ({@code VL…})
 * @param subject the email subject; null for sms and call
 * @param locale the language of the text, e.g. {@code en} or {@code pt-BR}; for a call, the voice's language
 * @param keypressPrompt for a call that must first hear a key press (a person, not voicemail): the words said while
 *                       waiting for it; null to read the code at once
 */
public record OutboundMessage(Channel channel, String to, String subject, String body, String code, String reference,
                              String locale, String keypressPrompt) {

    public boolean waitsForKeypress() {
        return keypressPrompt != null;
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + channel.wireName() + " " + reference + "]";
    }
}
