package io.callgate.delivery;

/**
 * One message to deliver. It carries the code because some providers need it apart from the
 * text (a call reads it digit by digit); {@link #toString()} hides both.
 *
 * @param reference the send attempt this delivers ({@code VL…})
 * @param subject the email subject; null for sms and call
 * @param locale the language of the text, e.g. {@code en} or {@code pt-BR}; for a call, the voice's
 *               language and region, e.g. {@code en-US}, {@code es-ES}, {@code ja-JP}
 * @param keypressPrompt for a call that must first hear a key press (a person, not voicemail): the words said while
 *                       waiting for it; null to read the code at once
 * @param htmlBody an email's HTML alternative to {@code body}; null for sms and call
 */
public record OutboundMessage(Channel channel, String to, String subject, String body, String code, String reference,
                              String locale, String keypressPrompt, String htmlBody) {

    /** A message without an HTML part. */
    public OutboundMessage(Channel channel, String to, String subject, String body, String code, String reference,
                           String locale, String keypressPrompt) {
        this(channel, to, subject, body, code, reference, locale, keypressPrompt, null);
    }

    public boolean waitsForKeypress() {
        return keypressPrompt != null;
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + channel.wireName() + " " + reference + "]";
    }
}
