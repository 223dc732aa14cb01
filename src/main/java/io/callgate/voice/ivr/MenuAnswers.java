package io.callgate.voice.ivr;

import io.callgate.directory.Account;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The words a menu option says: its configured text, or what the operator's endpoint answers for
 * the authenticated account. The endpoint gets a JSON POST ({@code line}, {@code option},
 * {@code account_number}, {@code display_name}, {@code attributes}) and answers {@code text/plain}
 * or JSON with a {@code text} field. No PIN or call secret is ever sent.
 */
@Component
class MenuAnswers {

    private static final Logger log = LoggerFactory.getLogger(MenuAnswers.class);
    private static final int MAX_WORDS = 2000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json;

    MenuAnswers(JsonMapper json) {
        this.json = json;
    }

    /** The words to say, or empty when the endpoint failed and the option has no fallback text. */
    Optional<String> words(String line, String key, IvrProperties.Option option, Account account, Duration timeout) {
        if (option.url() == null) {
            return Optional.ofNullable(option.text()).filter(t -> !t.isBlank());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("line", line);
        body.put("option", key);
        body.put("account_number", account.number());
        body.put("display_name", account.displayName());
        body.put("attributes", account.attributes());
        HttpRequest.Builder request = HttpRequest.newBuilder(option.url()).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "text/plain, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (!option.authorization().isBlank()) {
            request.header("Authorization", option.authorization());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                String words = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                        ? text(json.readTree(response.body())) : response.body().strip();
                if (words != null && !words.isBlank()) {
                    return Optional.of(words.length() > MAX_WORDS ? words.substring(0, MAX_WORDS) : words);
                }
            }
            log.warn("ivr {} option {}: the menu endpoint answered {} without words", line, key, response.statusCode());
        } catch (IOException | RuntimeException e) {
            log.warn("ivr {} option {}: the menu endpoint failed: {}", line, key, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(option.text()).filter(t -> !t.isBlank());
    }

    private static String text(JsonNode node) {
        JsonNode text = node == null ? null : node.get("text");
        return text == null || !text.isString() ? null : text.asString();
    }
}
