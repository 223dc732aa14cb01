package io.callgate.voice.lines;

import io.callgate.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads line definitions from JSON and YAML strictly: an unknown setting is an error, not silently dropped, and
 * errors name where the problem is without echoing values (which may be PINs).
 */
@Component
class LineDocuments {

    private static final int MAX_DOCUMENT = 1024 * 1024;

    private final JsonMapper strict;

    LineDocuments(JsonMapper json) {
        this.strict = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    LineDefinition fromJson(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "A line is required in the JSON body");
        }
        try {
            LineDefinition definition = strict.readValue(body, LineDefinition.class);
            if (definition == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "A line is required in the JSON body");
            }
            return definition;
        } catch (DatabindException e) {
            throw unreadable(e);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "The body is not valid JSON");
        }
    }

    /**
     * The lines of a YAML document: a single line, a list of lines, or a map with a {@code lines} list. Numbers that
     * must keep their digits exactly (phones, PINs, passcodes) have to be quoted: YAML reads 0123 as an octal number.
     */
    List<LineDefinition> fromYaml(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "A YAML document with lines is required");
        }
        if (body.length() > MAX_DOCUMENT) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, 60200, "The YAML document is larger than 1 MiB");
        }
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            document = new Yaml(new SafeConstructor(options)).load(body);
        } catch (YAMLException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "The body is not valid YAML"
                    + (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null
                    ? " (line " + (m.getProblemMark().getLine() + 1) + ")" : ""));
        }
        List<?> items;
        if (document instanceof Map<?, ?> map && map.containsKey("lines") && map.size() == 1) {
            if (!(map.get("lines") instanceof List<?> list)) {
                throw LineDefinitions.invalid("lines", "a list of lines");
            }
            items = list;
        } else if (document instanceof Map<?, ?> single) {
            items = List.of(single);
        } else if (document instanceof List<?> list) {
            items = list;
        } else {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "A YAML document with lines is required");
        }
        if (items.isEmpty()) {
            throw LineDefinitions.invalid("lines", "at least one line");
        }
        List<LineDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = items.size() == 1 && !(document instanceof List) && !(document instanceof Map<?, ?> m && m.containsKey("lines"))
                    ? "" : "lines[" + i + "].";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw LineDefinitions.invalid(at.isEmpty() ? "line" : at.substring(0, at.length() - 1), "a line");
            }
            requireQuoted(item, at);
            try {
                definitions.add(strict.convertValue(item, LineDefinition.class));
            } catch (IllegalArgumentException | JacksonException e) {
                DatabindException cause = e instanceof DatabindException d ? d
                        : e.getCause() instanceof DatabindException d ? d : null;
                throw cause != null ? unreadable(cause, at) : LineDefinitions.invalid(at + "line", "a line");
            }
        }
        return definitions;
    }

    LineDefinition withPath(LineDefinition d, String path) {
        return new LineDefinition(path, d.name(), d.conference(), d.mode(), d.carrier(), d.verifyService(), d.members(),
                d.prompts(), d.maxParticipants(), d.beep(), d.mutedOnEntry(), d.waitUrl(), d.waitForModerator(),
                d.passcode(), d.retries(), d.maxFailuresPerHour());
    }

    private static void requireQuoted(Map<?, ?> line, String at) {
        if (line.get("passcode") instanceof Number) {
            throw LineDefinitions.invalid(at + "passcode", "digits in quotes, such as passcode: \"0471\"");
        }
        if (line.get("members") instanceof List<?> members) {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i) instanceof Map<?, ?> member) {
                    for (String field : List.of("pin", "phone")) {
                        if (member.get(field) instanceof Number) {
                            throw LineDefinitions.invalid(at + "members[" + i + "]." + field,
                                    "digits in quotes, such as " + field + ": \"" + (field.equals("pin") ? "0471" : "+14155550100")
                                            + "\"");
                        }
                    }
                }
            }
        }
    }

    private static ApiException unreadable(DatabindException e) {
        return unreadable(e, "");
    }

    /** Names the setting by its path in the document, never by its value. */
    private static ApiException unreadable(DatabindException e, String at) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String where = path.isEmpty() ? "the line" : at + path;
        return new ApiException(HttpStatus.BAD_REQUEST, 60200,
                "Invalid parameter: " + where + " (unknown setting or wrong type)");
    }
}
