package io.callgate.dev;

import io.callgate.voice.Carriers;
import io.callgate.voice.VoiceProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /dev/call}: the call simulator in a browser. A person starts a call against one of this
 * server's lines as any caller ID, reads what the caller would hear and types keys at each prompt.
 * Calls live in memory (the newest {@value #KEPT_CALLS}) and only ever reach this server.
 */
@RestController
@RequestMapping(path = "/dev/call", produces = MediaType.TEXT_HTML_VALUE)
@ConditionalOnBooleanProperty("callgate.dev.inbox.enabled")
class DevCallController {

    static final int KEPT_CALLS = 100;

    private final Map<String, SimulatedCall> calls = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SimulatedCall> eldest) {
            return size() > KEPT_CALLS;
        }
    };
    private final VoiceProperties voice;
    private final Carriers carriers;
    private final String publicBaseUrl;

    DevCallController(VoiceProperties voice, Carriers carriers, @Value("${callgate.public-base-url:}") String publicBaseUrl) {
        this.voice = voice;
        this.carriers = carriers;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GetMapping
    String start() {
        return page("Simulated call", startForm("/voice/lines/", "+15551234567", "+15550100000",
                carriers.defaultCarrier().orElse(""), null));
    }

    @PostMapping
    ResponseEntity<String> dial(@RequestParam(defaultValue = "") String line, @RequestParam(defaultValue = "") String from,
                                @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String carrier,
                                @RequestParam(defaultValue = "") String token, HttpServletRequest request) {
        String path = ownPath(line);
        String problem = path == null ? "Give the line as a path on this server, such as /voice/lines/board."
                : from.isBlank() ? "Give the caller ID to call from."
                : token.isBlank() && !voice.carriers().containsKey(carrier) ? "Choose a carrier, or give a token." : null;
        if (problem != null) {
            return ResponseEntity.badRequest().body(page("Simulated call", startForm(line, from, to, carrier, problem)));
        }
        String base = "http://127.0.0.1:" + request.getLocalPort() + request.getContextPath();
        CallSimulator simulator = CallSimulator.builder()
                // The token of the carrier chosen, as the server has it configured; a typed one wins.
                .token(token.isBlank() ? voice.carriers().get(carrier).authToken() : token)
                .publicBaseUrl(publicBaseUrl.isBlank() ? null : publicBaseUrl)
                .build();
        SimulatedCall call = simulator.dial(base + path, from.strip(), to.isBlank() ? "+15550100000" : to.strip(), step -> { });
        synchronized (calls) {
            calls.put(call.callSid(), call);
        }
        return seeOther(call);
    }

    @GetMapping("/{sid}")
    ResponseEntity<String> show(@PathVariable String sid) {
        SimulatedCall call = find(sid);
        if (call == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(page("No such call", "<p>This simulated call is"
                    + " not (or no longer) kept. <a href=\"/dev/call\">Start another call</a>.</p>"));
        }
        synchronized (call) {
            return ResponseEntity.ok(page("Call " + call.callSid(), transcript(call, null)));
        }
    }

    @PostMapping("/{sid}")
    ResponseEntity<String> press(@PathVariable String sid, @RequestParam(defaultValue = "") String keys,
                                 @RequestParam(defaultValue = "press") String action) {
        SimulatedCall call = find(sid);
        if (call == null) {
            return show(sid);
        }
        synchronized (call) {
            if (call.ended()) {
                return seeOther(call);
            }
            Keypad.Press press;
            String typed = keys.replaceAll("\\s+", "");
            if ("hangup".equals(action)) {
                press = Keypad.Press.hangingUp();
            } else if ("silence".equals(action) || typed.isEmpty()) {
                press = Keypad.Press.silence();
            } else if (typed.matches("[0-9#*]{1,64}")) {
                press = Keypad.Press.keys(typed);
            } else {
                return ResponseEntity.badRequest().body(page("Call " + call.callSid(),
                        transcript(call, "A phone keypad has only 0-9, * and #.")));
            }
            call.press(press);
            return seeOther(call);
        }
    }

    private SimulatedCall find(String sid) {
        synchronized (calls) {
            return calls.get(sid);
        }
    }

    /** The path and query of a line on this server; null for anything else. */
    private static String ownPath(String line) {
        try {
            URI uri = URI.create(line.strip());
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return null;
            }
            return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<String> seeOther(SimulatedCall call) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/dev/call/" + call.callSid())).build();
    }

    private String startForm(String line, String from, String to, String carrier, String error) {
        StringBuilder options = new StringBuilder();
        for (String name : voice.carriers().keySet()) {
            options.append("<option").append(name.equals(carrier) ? " selected" : "").append(">").append(esc(name))
                    .append("</option>");
        }
        return (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>") + """
                <p>Play a call against one of this server's TwiML lines, as a carrier would: requests are signed,
                each Say is shown, and you type keys at each prompt. Nothing is dialled.</p>
                <form method="post" action="/dev/call">
                <p><label for="line">Line (path on this server)</label><br>
                <input id="line" name="line" value="%s" size="40" required autofocus></p>
                <p><label for="from">Caller ID (From)</label><br>
                <input id="from" name="from" value="%s" inputmode="tel" required></p>
                <p><label for="to">Number dialled (To)</label><br>
                <input id="to" name="to" value="%s" inputmode="tel"></p>
                <p><label for="carrier">Carrier whose token signs the requests</label><br>
                <select id="carrier" name="carrier">%s</select>%s</p>
                <p><label for="token">Or another token (to see a line refuse it)</label><br>
                <input id="token" name="token" type="password" autocomplete="off"></p>
                <p><button type="submit">Call</button></p>
                </form>
                """.formatted(esc(line), esc(from), esc(to), options, voice.carriers().isEmpty()
                ? " No carrier is configured (callgate.voice.carriers.&lt;name&gt;.auth-token), so lines refuse every call." : "");
    }

    private static String transcript(SimulatedCall call, String error) {
        Transcript transcript = call.transcript();
        StringBuilder html = new StringBuilder("<ol class=\"steps\">\n");
        for (CallStep step : transcript.steps()) {
            String css = step instanceof CallStep.Finding ? "finding" : step instanceof CallStep.Request ? "request" : "verb";
            html.append("<li class=\"").append(css).append("\">").append(esc(step.describe())).append("</li>\n");
        }
        html.append("</ol>\n");
        if (call.ended()) {
            html.append("<p class=\"ended\" role=\"status\">Call ended: ").append(esc(transcript.ending().name()))
                    .append(transcript.findings().isEmpty() ? "" : ", with " + transcript.findings().size() + " finding(s)")
                    .append(". <a href=\"/dev/call\">Start another call</a>.</p>\n");
            return html.toString();
        }
        Map<String, String> prompt = call.prompt();
        html.append(error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>\n").append("""
                <form method="post" action="/dev/call/%s">
                <p><label for="keys">Keys to press (for example 123456#)%s</label><br>
                <input id="keys" name="keys" inputmode="tel" pattern="[0-9#* ]*" autocomplete="off" autofocus></p>
                <p><button type="submit" name="action" value="press">Press</button>
                <button type="submit" name="action" value="silence">No input (let it time out)</button>
                <button type="submit" name="action" value="hangup">Hang up</button></p>
                </form>
                """.formatted(esc(call.callSid()), prompt.containsKey("finishOnKey")
                ? ", finish key \"" + esc(prompt.get("finishOnKey")) + "\"" : ", finish key #"));
        return html.toString();
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · callgate</title>
                <style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem}
                .steps li{margin:.2rem 0}.request{color:#555;font-family:monospace}.finding,.error{color:#a00;font-weight:bold}
                input{font:inherit;padding:.3rem}button{font:inherit;padding:.3rem .8rem}</style></head>
                <body><h1>%s</h1>
                %s</body></html>
                """.formatted(esc(title), esc(title), body);
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
