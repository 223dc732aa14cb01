package io.callgate.dev;

import java.util.Map;
import java.util.stream.Collectors;

/** One thing that happened in a simulated call, in the order the caller would live it. */
public sealed interface CallStep {

    /** One line for a person reading the call. */
    String describe();

    /** A webhook request the carrier made and the HTTP status it got back. */
    record Request(String method, String url, Map<String, String> params, int status) implements CallStep {
        @Override
        public String describe() {
            return "-> " + method + " " + url + (params.containsKey("Digits") ? " Digits=" + params.get("Digits") : "")
                    + "  [" + (status == 0 ? "no answer" : status) + "]";
        }
    }

    /** {@code <Say>}: voice and language are null where the TwiML left the carrier's default. */
    record Say(String text, String voice, String language, int loop) implements CallStep {
        @Override
        public String describe() {
            String how = voice == null && language == null ? "" : " (" + (voice == null ? "default voice" : voice)
                    + (language == null ? "" : ", " + language) + ")";
            return "Say" + how + (loop == 1 ? "" : " x" + (loop == 0 ? "forever" : loop)) + ": \"" + text + "\"";
        }
    }

    record Play(String url, String digits, int loop) implements CallStep {
        @Override
        public String describe() {
            return "Play " + (url.isEmpty() ? "digits " + digits : url) + (loop == 1 ? "" : " x" + loop);
        }
    }

    record Pause(int seconds) implements CallStep {
        @Override
        public String describe() {
            return "Pause " + seconds + " s";
        }
    }

    /**
     * {@code <Gather>} and what the caller did: {@code digits} as the carrier sends them (finish key
     * removed), {@code finishedOnKey} the key that ended input ("" when the digit count or the
     * timeout did), {@code timedOut} when nothing was entered.
     */
    record Gather(Map<String, String> attributes, String digits, String finishedOnKey, boolean timedOut)
            implements CallStep {
        @Override
        public String describe() {
            return "Gather" + attrs(attributes) + (timedOut ? ": no input, timed out" : ": pressed " + digits + finishedOnKey);
        }
    }

    record Redirect(String url, String method) implements CallStep {
        @Override
        public String describe() {
            return "Redirect " + method + " " + url;
        }
    }

    /**
     * {@code <Dial>}: the noun dialled ({@code Conference}, {@code Number}, {@code Client}, {@code Sip},
     * {@code Queue}), its target (for a conference, its name) and the attributes of both.
     */
    record Dial(String noun, String target, Map<String, String> nounAttributes, Map<String, String> dialAttributes)
            implements CallStep {
        @Override
        public String describe() {
            return "Dial" + attrs(dialAttributes) + " " + noun + " \"" + target + "\"" + attrs(nounAttributes);
        }
    }

    record Hangup() implements CallStep {
        @Override
        public String describe() {
            return "Hangup";
        }
    }

    record Reject(String reason) implements CallStep {
        @Override
        public String describe() {
            return "Reject (" + reason + ")";
        }
    }

    /** The caller hung up instead of answering a prompt. */
    record CallerHangup() implements CallStep {
        @Override
        public String describe() {
            return "Caller hangs up";
        }
    }

    /** Something a real carrier would refuse or warn about: bad TwiML, a failed request, a loop. */
    record Finding(String message) implements CallStep {
        @Override
        public String describe() {
            return "FINDING: " + message;
        }
    }

    private static String attrs(Map<String, String> attributes) {
        return attributes.isEmpty() ? "" : attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
