package io.callgate.dev;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** {@code /dev/inbox}: the dev inbox as JSON (for tools) or as a page (for people). */
@RestController
@RequestMapping("/dev/inbox")
@ConditionalOnBooleanProperty("callgate.dev.inbox.enabled")
class DevInboxController {

    private final DevInbox inbox;

    DevInboxController(DevInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<DevInbox.Message> json(@RequestParam(name = "to", required = false) String to) {
        return inbox.messages(normalise(to));
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    String page(@RequestParam(name = "to", required = false) String to) {
        StringBuilder rows = new StringBuilder();
        for (DevInbox.Message m : inbox.messages(normalise(to))) {
            rows.append("<tr><td>").append(esc(m.sentAt())).append("</td><td>").append(esc(m.channel()))
                    .append("</td><td>").append(esc(m.to())).append("</td><td class=\"code\">").append(esc(m.code()))
                    .append("</td><td><pre>").append(esc(m.body())).append("</pre></td></tr>\n");
        }
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>callgate dev inbox</title>
                <meta http-equiv="refresh" content="5">
                <style>body{font:15px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%%}
                td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
                .code{font:bold 1.2rem monospace}pre{margin:0;white-space:pre-wrap}</style></head>
                <body><h1>Dev inbox</h1>
                <p>Messages callgate would have sent, newest first. Development only: these are live codes.</p>
                <form method="get"><label for="to">Destination</label>
                <input id="to" name="to" value="%s" placeholder="+15551234567"> <button>Filter</button></form>
                <table><thead><tr><th>Sent</th><th>Channel</th><th>To</th><th>Code</th><th>Message</th></tr></thead>
                <tbody>
                %s</tbody></table></body></html>
                """.formatted(esc(to == null ? "" : normalise(to)), rows);
    }

    @DeleteMapping
    ResponseEntity<Void> clear() {
        inbox.clear();
        return ResponseEntity.noContent().build();
    }

    /** A raw {@code +} in a query string arrives as a space; take it back. */
    private static String normalise(String to) {
        if (to == null || to.isBlank()) {
            return null;
        }
        return to.startsWith(" ") ? "+" + to.strip() : to.strip();
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
