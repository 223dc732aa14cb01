package io.callgate.dev;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;

/** The caller's side of a simulated call: what they do each time a {@code <Gather>} waits for keys. */
@FunctionalInterface
public interface Keypad {

    /** The keys pressed at the prompt of a {@code <Gather>} with these attributes, silence (let it time out) or a hang-up. */
    Press next(Map<String, String> gather);

    /** What the caller does at one prompt. {@code keys} are typed in order, finish key included ("1234#"). */
    record Press(String keys, boolean hangsUp) {

        public Press {
            if (keys == null || !keys.matches("[0-9#*]*")) {
                throw new IllegalArgumentException("a phone keypad has only 0-9, * and #");
            }
        }

        public static Press keys(String keys) {
            return new Press(keys, false);
        }

        public static Press silence() {
            return new Press("", false);
        }

        public static Press hangingUp() {
            return new Press("", true);
        }
    }

    /**
     * Presses these keys at successive prompts; an empty string lets that prompt time out. A prompt
     * beyond the script is a mistake in the test and fails loudly.
     */
    static Keypad scripted(String... presses) {
        Deque<String> queue = new ArrayDeque<>(Arrays.asList(presses));
        return prompt -> {
            if (queue.isEmpty()) {
                throw new IllegalStateException("the call asks for keys again but the script has no more: Gather " + prompt);
            }
            return Press.keys(queue.removeFirst());
        };
    }
}
