package io.callgate.voice.lines;

import io.callgate.api.ApiException;
import io.callgate.api.PublicUrls;
import io.callgate.api.TwilioApi;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/lines}: the conference lines as JSON, and a YAML import that creates or replaces lines by path.
 * Behind the API credentials, like the rest of {@code /admin}; errors use the API's error body.
 */
@RestController
@TwilioApi
@RequestMapping(path = "/admin/lines", produces = MediaType.APPLICATION_JSON_VALUE)
class LinesController {

    private final ConferenceLines lines;
    private final LineAdministration administration;
    private final LineDocuments documents;
    private final PublicUrls urls;

    LinesController(ConferenceLines lines, LineAdministration administration, LineDocuments documents, PublicUrls urls) {
        this.lines = lines;
        this.administration = administration;
        this.documents = documents;
        this.urls = urls;
    }

    @GetMapping
    Map<String, List<LineView>> list() {
        return Map.of("lines", lines.all().stream().map(this::view).toList());
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LineView> create(@RequestBody(required = false) String body) {
        var saved = administration.create(documents.fromJson(body));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(saved.line()));
    }

    @GetMapping("/{path}")
    LineView fetch(@PathVariable String path) {
        return lines.find(path).map(this::view).orElseThrow(() -> notFound(path));
    }

    /** Creates or replaces the line at this path; a path in the body must match. */
    @PutMapping(path = "/{path}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LineView> put(@PathVariable String path, @RequestBody(required = false) String body) {
        LineDefinition definition = documents.fromJson(body);
        if (definition.path() != null && !definition.path().equals(path)) {
            throw LineDefinitions.invalid("path", "the path of the URL, or none");
        }
        var saved = administration.put(documents.withPath(definition, path));
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(saved.line()));
    }

    @DeleteMapping("/{path}")
    ResponseEntity<Void> delete(@PathVariable String path) {
        if (!administration.delete(path)) {
            throw notFound(path);
        }
        return ResponseEntity.noContent().build();
    }

    /** One result of an import. */
    record Imported(String path, String result, String webhookUrl) {
    }

    /** YAML, or JSON (which YAML reads as well): one line, a list, or {@code {"lines": [...]}}. */
    @PostMapping(path = "/import", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
            MediaType.APPLICATION_JSON_VALUE})
    Map<String, List<Imported>> importYaml(@RequestBody(required = false) String body) {
        return Map.of("lines", administration.saveAll(documents.fromYaml(body)).stream()
                .map(s -> new Imported(s.line().path(), s.created() ? "created" : "replaced", webhookUrl(s.line().path())))
                .toList());
    }

    private LineView view(ConferenceLine line) {
        return LineView.of(line, webhookUrl(line.path()));
    }

    private String webhookUrl(String path) {
        return urls.of("/voice/lines/" + path);
    }

    private static ApiException notFound(String path) {
        return ApiException.notFound("/admin/lines/" + path);
    }
}
