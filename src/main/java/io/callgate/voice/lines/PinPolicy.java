package io.callgate.voice.lines;

/**
 * What a member's PIN must be: 4 to 10 digits, not one digit repeated and not a run like 1234 or 9876, the
 * first guesses of anyone trying PINs (security.md PIN-1 asks for a blocklist of these).
 */
final class PinPolicy {

    static final String RULE = "4 to 10 digits, not all the same digit and not a run such as 1234 or 4321";

    private PinPolicy() {
    }

    static boolean acceptable(String pin) {
        if (pin == null || !pin.matches("[0-9]{4,10}")) {
            return false;
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = pin.charAt(i) - pin.charAt(i - 1);
            same &= step == 0;
            up &= step == 1 || step == -9;
            down &= step == -1 || step == 9;
        }
        return !same && !up && !down;
    }
}
