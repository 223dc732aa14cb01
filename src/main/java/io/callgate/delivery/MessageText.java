package io.callgate.delivery;

import java.time.Duration;
import java.util.stream.Collectors;

/** The words of a code message on each channel. */
public final class MessageText {

    private MessageText() {
    }

    /** What the message is about: who sends it, the code, how long it lasts. */
    public record Content(String serviceName, String code, Duration validity, boolean doNotShareWarning) {

        @Override
        public String toString() {
            return "Content[" + serviceName + "]";
        }
    }

    public static String sms(Content c) {
        String text = "Your " + c.serviceName() + " verification code is: " + c.code();
        return c.doNotShareWarning() ? text + ". Don't share this code with anyone; we will never ask for it." : text;
    }

    /** Read slowly: digits one by one, the code twice, then goodbye. */
    public static String call(Content c) {
        String digits = spelled(c.code());
        return "Your " + c.serviceName() + " verification code is: " + digits + ". Again, your code is: " + digits
                + ". Goodbye.";
    }

    /** What a call says once the person pressed a key (the prompt already named the service). */
    public static String callAfterKeypress(String code) {
        String digits = spelled(code);
        return "Your verification code is: " + digits + ". Again, your code is: " + digits + ". Goodbye.";
    }

    /** The end of a call that reads no code: no key was pressed, or the code is no longer valid. */
    public static String goodbye() {
        return "Goodbye.";
    }

    /** Digits one by one, with a comma between them so that voices pause. */
    private static String spelled(String code) {
        return code.chars().mapToObj(ch -> String.valueOf((char) ch)).collect(Collectors.joining(", "));
    }

    public static String keypressPrompt(Content c) {
        return "This is " + c.serviceName() + ". Press any key to hear your verification code.";
    }

    public static String emailSubject(Content c) {
        return "Your " + c.serviceName() + " verification code";
    }

    public static String email(Content c) {
        return "Your " + c.serviceName() + " verification code is: " + c.code() + "\n\nIt expires in "
                + Math.max(1, c.validity().toMinutes()) + " minutes. If you did not ask for it, ignore this message.";
    }

    public static OutboundMessage render(Channel channel, String to, Content content, String reference,
                                         boolean waitForKeypress) {
        return switch (channel) {
            case SMS -> new OutboundMessage(channel, to, null, sms(content), content.code(), reference, "en", null);
            case CALL -> new OutboundMessage(channel, to, null, call(content), content.code(), reference, "en",
                    waitForKeypress ? keypressPrompt(content) : null);
            case EMAIL -> new OutboundMessage(channel, to, emailSubject(content), email(content), content.code(), reference,
                    "en", null);
        };
    }
}
