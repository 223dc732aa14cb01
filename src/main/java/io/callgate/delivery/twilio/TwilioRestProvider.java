package io.callgate.delivery.twilio;

import io.callgate.delivery.Channel;
import io.callgate.delivery.DeliveryException;
import io.callgate.delivery.DeliveryProvider;
import io.callgate.delivery.MessageTemplates;
import io.callgate.delivery.OutboundMessage;
import io.callgate.voice.WebhookSignature;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends sms through {@code Messages.json} and places code calls through {@code Calls.json} with inline TwiML, on
 * Twilio's REST API or a compatible one (SignalWire's Compatibility API). The message or call sid it answers with
 * is the provider reference that status callbacks and key presses name.
 *
 * <p>Connection errors, timeouts, 5xx, 429 and 401 (this account's credentials, not the number) are retryable;
 * any other 4xx refuses the message for good with the carrier's error code, e.g. 21211 for an invalid number.
 */
class TwilioRestProvider implements DeliveryProvider, AutoCloseable {

    private final RestAccount account;
    private final CallbackUrls callbacks;
    private final WebhookSignature signature;
    private final JsonMapper json;
    private final HttpClient http;
    private final String authorization;
    private final MessageTemplates templates;

    TwilioRestProvider(RestAccount account, CallbackUrls callbacks, JsonMapper json, MessageTemplates templates) {
        this.templates = templates;
        this.account = account;
        this.callbacks = callbacks;
        this.signature = account.signingKey().isBlank() ? null : new WebhookSignature(account.signingKey());
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(account.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((account.user() + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String id() {
        return account.providerId();
    }

    @Override
    public Set<Channel> channels() {
        return account.channels();
    }

    /** Whether this provider learns of key presses and statuses: a public URL and a key to check signatures. */
    boolean hearsCallbacks() {
        return callbacks.available() && signature != null;
    }

    /** The check of the carrier's signature on callbacks; empty when callbacks are off. */
    Optional<WebhookSignature> signature() {
        return hearsCallbacks() ? Optional.of(signature) : Optional.empty();
    }

    @Override
    public String send(OutboundMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        String resource;
        switch (message.channel()) {
            case SMS -> {
                resource = "/Messages.json";
                if (account.messagingServiceSid().isBlank()) {
                    form.put("From", account.from());
                } else {
                    form.put("MessagingServiceSid", account.messagingServiceSid());
                }
                form.put("Body", message.body());
                if (hearsCallbacks()) {
                    callbacks.messageStatus(id()).ifPresent(url -> form.put("StatusCallback", url));
                }
            }
            case CALL -> {
                resource = "/Calls.json";
                form.put("From", account.from());
                form.put("Twiml", twiml(message));
            }
            default -> throw DeliveryException.permanent(id() + ": " + account.carrier() + " does not deliver "
                    + message.channel().wireName(), null);
        }
        return post(resource, form);
    }

    private String twiml(OutboundMessage message) {
        CallScript script = script(message.locale());
        if (!message.waitsForKeypress()) {
            return script.reading(message.body());
        }
        if (!hearsCallbacks()) {
            throw DeliveryException.permanent(id() + ": this call must wait for a key press, which needs"
                    + " callgate.public-base-url so that " + account.carrier() + " can post it back", null);
        }
        String language = CallbackUrls.isLanguage(message.locale()) ? message.locale() : "en";
        return script.awaitingKeypress(message.keypressPrompt(),
                callbacks.keypress(id(), message.reference(), language).orElseThrow());
    }

    /** The script of this provider's calls in a language; an unusable language falls back to English. */
    CallScript script(String language) {
        return new CallScript(CallbackUrls.isLanguage(language) ? language : "en", account.voice(), templates);
    }

    private String post(String resource, Map<String, String> form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(account.accountUrl() + resource))
                .timeout(account.timeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .header("User-Agent", "callgate")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        // The request's own timeout ends at the answer's headers; a carrier that then stalls the body
        // would hold the delivery for ever, so the whole exchange gets the timeout.
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = exchange.get(account.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw noAnswer();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable(id() + ": interrupted", null);
        }
        return answer(response.statusCode(), response.body());
    }

    private DeliveryException noAnswer() {
        return DeliveryException.retryable(id() + ": no answer from " + account.carrier() + " within "
                + account.timeout().toMillis() + " ms", null);
    }

    private DeliveryException failure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return noAnswer();
        }
        if (cause instanceof ConnectException) {
            return DeliveryException.retryable(id() + ": cannot connect to " + account.carrier() + " ("
                    + cause.getClass().getSimpleName() + ")", null);
        }
        return DeliveryException.retryable(id() + ": the request to " + account.carrier() + " failed ("
                + cause.getClass().getSimpleName() + ")", null);
    }

    /** The sid of a success, or the refusal the status and the carrier's error code call for. */
    String answer(int status, String body) {
        JsonNode node = parse(body);
        if (status >= 200 && status < 300) {
            JsonNode sid = node == null ? null : node.get("sid");
            return sid == null || sid.isNull() ? null : sid.asString();
        }
        JsonNode codeNode = node == null ? null : node.get("code");
        String code = codeNode == null || codeNode.isNull() || codeNode.asString().isBlank() ? null : codeNode.asString();
        String what = id() + ": " + account.carrier() + " answered HTTP " + status + (code == null ? "" : ", error " + code);
        if (status == 429 || status >= 500 || status == 401) {
            throw DeliveryException.retryable(what + (status == 401 ? " (check this provider's credentials)" : " (try again later)"),
                    null);
        }
        throw DeliveryException.permanent(what, code);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "TwilioRestProvider[" + id() + "]";
    }
}
