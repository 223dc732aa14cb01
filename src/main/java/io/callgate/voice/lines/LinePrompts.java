package io.callgate.voice.lines;

/**
 * Everything a line says, in the voice and language it says it. Each text left out takes its default.
 *
 * @param voice the carrier's voice name ({@code man}, {@code woman}, {@code Polly.Joanna}, …); null: the carrier's default
 * @param language such as {@code en-US}; null: the carrier's default
 */
public record LinePrompts(
        String voice,
        String language,
        String welcome,
        String refused,
        String enterPasscode,
        String wrongPasscode,
        String enterPin,
        String wrongPin,
        String codeSent,
        String enterCode,
        String wrongCode,
        String invalidEntry,
        String noEntry,
        String tooManyTries,
        String waitForModerator,
        String joining,
        String unavailable,
        String goodbye) {

    public static final LinePrompts DEFAULTS = new LinePrompts(null, null,
            "Welcome.",
            "Sorry, this line does not accept calls from your number.",
            "Please enter the passcode, then press the pound key.",
            "That passcode is not correct.",
            "Please enter your PIN, then press the pound key.",
            "That PIN is not correct.",
            "We have sent you a verification code.",
            "Please enter the code, then press the pound key.",
            "That code is not correct.",
            "Please use only the number keys, then press the pound key.",
            "We did not receive an entry.",
            "Too many attempts.",
            "The conference will begin when the host joins.",
            "You are joining the conference now.",
            "This line cannot take your call right now. Please try again later.",
            "Goodbye.");

    /** These prompts, with every missing text taken from the defaults. */
    public LinePrompts withDefaults() {
        LinePrompts d = DEFAULTS;
        return new LinePrompts(blankToNull(voice), blankToNull(language), or(welcome, d.welcome), or(refused, d.refused),
                or(enterPasscode, d.enterPasscode), or(wrongPasscode, d.wrongPasscode), or(enterPin, d.enterPin),
                or(wrongPin, d.wrongPin), or(codeSent, d.codeSent), or(enterCode, d.enterCode), or(wrongCode, d.wrongCode),
                or(invalidEntry, d.invalidEntry), or(noEntry, d.noEntry), or(tooManyTries, d.tooManyTries),
                or(waitForModerator, d.waitForModerator), or(joining, d.joining), or(unavailable, d.unavailable),
                or(goodbye, d.goodbye));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
