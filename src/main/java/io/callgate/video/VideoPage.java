package io.callgate.video;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * {@code /video/{room}}: the gate as a page, plain HTML forms without script. Step one posts the identity there;
 * step two posts the ticket (a hidden field) with the code to {@code /video/{room}/code}; then the room's link, or the token to paste into an app.
 * Public: no sign-in, and no cookie but the language one; a refusal is shown on the step it belongs to.
 */
@Controller
@RequestMapping("/video/{room}")
class VideoPage {

    static final String CONTENT_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'none'; object-src 'none'";

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final VideoGate gate;

    VideoPage(VideoGate gate) {
        this.gate = gate;
    }

    @GetMapping
    String identity(@PathVariable("room") String name, Model model, HttpServletResponse response) {
        return page(name, "identity", model, response);
    }

    @PostMapping
    String enter(@PathVariable("room") String name, @RequestParam(required = false) String identity, Locale locale,
                 Model model, HttpServletResponse response) {
        try {
            VideoGate.Entry entry = gate.enter(name, identity, locale);
            hint(model, entry.ticket(), entry.hint());
            return page(name, "code", model, response);
        } catch (GateRefusal refusal) {
            model.addAttribute("identity", identity);
            return refused(name, "identity", refusal, model, response);
        }
    }

    /** Where the language links of the code step lead: the ticket is in the form, so the person starts again. */
    @GetMapping("/code")
    String restart(@PathVariable("room") String name) {
        return "redirect:/video/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
    }

    @PostMapping("/code")
    String admit(@PathVariable("room") String name, @RequestParam String ticket,
                 @RequestParam(required = false) String code, Model model, HttpServletResponse response) {
        try {
            VideoGate.Admission admitted = gate.admit(name, ticket, code);
            model.addAttribute("token", admitted.token().token())
                    .addAttribute("url", admitted.token().url())
                    .addAttribute("expiresAt", CLOCK_TIME.format(admitted.token().expiresAt()))
                    .addAttribute("participant", admitted.participant().name());
            return page(name, "admitted", model, response);
        } catch (GateRefusal refusal) {
            // A wrong or garbled code keeps the ticket for the next try; anything else starts again.
            boolean again = refusal.reason() == GateRefusal.Reason.WRONG_CODE
                    || refusal.reason() == GateRefusal.Reason.INVALID_CODE;
            if (again) {
                hint(model, ticket, refusal.hint());
            }
            return refused(name, again ? "code" : "identity", refusal, model, response);
        }
    }

    private String refused(String name, String step, GateRefusal refusal, Model model, HttpServletResponse response) {
        response.setStatus(refusal.reason().status.value());
        model.addAttribute("error", "video.error." + refusal.reason().slug())
                .addAttribute("errorArgument", refusal.reason() == GateRefusal.Reason.TOO_MANY_TICKETS
                        ? Long.toString(Math.max(1, (refusal.retryAfter().toSeconds() + 59) / 60))
                        : Integer.toString(refusal.attemptsLeft()));
        return page(name, step, model, response);
    }

    private static void hint(Model model, String ticket, ContactHint hint) {
        model.addAttribute("ticket", ticket).addAttribute("hint", hint.text())
                .addAttribute("channel", hint.channel().wireName());
    }

    /** The gate's one template at a step; an unknown room gets its own 404 page. */
    private String page(String name, String step, Model model, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_POLICY);
        response.setHeader("Cache-Control", "no-store");
        try {
            Room room = gate.room(name);
            model.addAttribute("room", room.name()).addAttribute("displayName", room.displayName())
                    .addAttribute("step", step);
        } catch (GateRefusal unknown) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("step", "unknown").addAttribute("error", null);
        }
        return "video/gate";
    }
}
