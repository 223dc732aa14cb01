package io.callgate.voice.lines;

import io.callgate.api.PublicUrls;
import io.callgate.voice.Twiml;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A line's voice webhooks: {@code /voice/lines/{path}} answers the call, and the steps that take key presses post
 * to {@code /passcode}, {@code /pin} and {@code /code} below it. Only signed requests reach this controller.
 * Every answer is TwiML, also for bad input: an unknown line is 404 with a spoken goodbye.
 */
@RestController
@RequestMapping(path = "/voice/lines/{path}", method = {RequestMethod.POST, RequestMethod.GET})
class LineCalls {

    private static final MediaType TWIML = MediaType.parseMediaType(Twiml.CONTENT_TYPE);

    private final ConferenceLines lines;
    private final LineFlow flow;
    private final PublicUrls urls;

    LineCalls(ConferenceLines lines, LineFlow flow, PublicUrls urls) {
        this.lines = lines;
        this.flow = flow;
        this.urls = urls;
    }

    @RequestMapping
    ResponseEntity<String> answer(@PathVariable String path, @RequestParam Map<String, String> params) {
        return step(path, params, Step.ANSWER);
    }

    @RequestMapping("/passcode")
    ResponseEntity<String> passcode(@PathVariable String path, @RequestParam Map<String, String> params) {
        return step(path, params, Step.PASSCODE);
    }

    @RequestMapping("/pin")
    ResponseEntity<String> pin(@PathVariable String path, @RequestParam Map<String, String> params) {
        return step(path, params, Step.PIN);
    }

    @RequestMapping("/code")
    ResponseEntity<String> code(@PathVariable String path, @RequestParam Map<String, String> params) {
        return step(path, params, Step.CODE);
    }

    enum Step { ANSWER, PASSCODE, PIN, CODE }

    private ResponseEntity<String> step(String path, Map<String, String> params, Step step) {
        var line = LineDefinitions.PATH.matcher(path).matches() ? lines.find(path) : java.util.Optional.<ConferenceLine>empty();
        if (line.isEmpty()) {
            return twiml(HttpStatus.NOT_FOUND, Twiml.response()
                    .say(LinePrompts.DEFAULTS.unavailable(), Twiml.Voice.DEFAULT).hangup());
        }
        LineCall call = LineCall.of(params, urls.of("/voice/lines/" + path));
        if (call.sid() == null) {
            LinePrompts p = line.get().prompts();
            return twiml(HttpStatus.BAD_REQUEST, Twiml.response().say(p.unavailable(), voice(p)).hangup());
        }
        flow.open(line.get(), call);
        Twiml answer = switch (step) {
            case ANSWER -> flow.answer(line.get(), call);
            case PASSCODE -> flow.passcode(line.get(), call);
            case PIN -> flow.pin(line.get(), call);
            case CODE -> flow.code(line.get(), call);
        };
        return twiml(HttpStatus.OK, answer);
    }

    static Twiml.Voice voice(LinePrompts prompts) {
        return new Twiml.Voice(prompts.voice(), prompts.language());
    }

    private static ResponseEntity<String> twiml(HttpStatus status, Twiml twiml) {
        return ResponseEntity.status(status).contentType(TWIML).body(twiml.toXml());
    }
}
