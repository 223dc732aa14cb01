package io.callgate.voice.lines;

import io.callgate.support.TestCarrier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One phone call to a line, as a carrier makes it: signed webhooks, following each Gather's action. */
final class TestCall {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final TestCarrier carrier;
    private final String sid;
    private final String from;
    private TestCarrier.Answer last;

    TestCall(TestCarrier carrier, String from) {
        this.carrier = carrier;
        this.sid = "CA%032x".formatted(SEQUENCE.incrementAndGet() + System.nanoTime());
        this.from = from;
    }

    String sid() {
        return sid;
    }

    private Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", sid);
        params.put("AccountSid", "AC00000000000000000000000000000009");
        if (from != null) {
            params.put("From", from);
        }
        params.put("To", "+14155550199");
        params.put("CallStatus", "in-progress");
        params.put("Direction", "inbound");
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    /** The call arrives at the line. */
    TestCarrier.Answer dial(String line) {
        return dial(line, Map.of());
    }

    TestCarrier.Answer dial(String line, Map<String, String> headers) {
        last = carrier.post("/voice/lines/" + line, params(), headers);
        return last;
    }

    /** Keys pressed at the last Gather (finished with #, which the carrier does not pass on). */
    TestCarrier.Answer press(String digits) {
        return press(digits, Map.of());
    }

    TestCarrier.Answer press(String digits, Map<String, String> headers) {
        String action = last.xpath("/Response/Gather/@action");
        if (action.isEmpty()) {
            throw new AssertionError("no Gather to answer in " + last.body());
        }
        Map<String, String> params = params();
        params.put("Digits", digits);
        last = carrier.send(action, params, carrier.sign(action, params), headers);
        return last;
    }

    TestCarrier.Answer last() {
        return last;
    }
}
