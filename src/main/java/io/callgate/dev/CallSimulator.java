package io.callgate.dev;

import io.callgate.system.Sids;
import io.callgate.voice.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays calls against a TwiML webhook the way a carrier does, for people without a phone number and
 * for tests: realistic Twilio parameters, a signed request ({@code X-Twilio-Signature}) and an
 * idempotency token each, the caller's keys at every {@code <Gather>}, and a {@link Transcript} of
 * what the caller would have heard. Plain Java: the command line uses it without starting Spring.
 */
public final class CallSimulator {

    /** Twilio gives a webhook 15 seconds to answer. */
    public static final Duration TWILIO_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_REQUESTS = 50;

    private final WebhookSignature signature;
    private final String accountSid;
    private final String publicBaseUrl;
    private final int maxRequests;
    private final boolean redeliver;
    private final HttpClient http;

    private CallSimulator(Builder builder) {
        this.signature = builder.token == null || builder.token.isEmpty() ? null : new WebhookSignature(builder.token);
        this.accountSid = builder.accountSid != null ? builder.accountSid : Sids.next("AC");
        this.publicBaseUrl = builder.publicBaseUrl == null ? null : builder.publicBaseUrl.replaceAll("/+$", "");
        this.maxRequests = builder.maxRequests;
        this.redeliver = builder.redeliver;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plays a whole call: dials {@code url} as {@code from} (calling {@code to}), answers every prompt
     * from {@code keypad}, and returns when the call ends.
     */
    public Transcript play(String url, String from, String to, Keypad keypad) {
        return play(url, from, to, keypad, step -> { });
    }

    /** As {@link #play(String, String, String, Keypad)}, telling {@code listener} each step as it happens. */
    public Transcript play(String url, String from, String to, Keypad keypad, Consumer<CallStep> listener) {
        SimulatedCall call = dial(url, from, to, listener);
        while (!call.ended()) {
            call.press(keypad.next(call.prompt()));
        }
        return call.transcript();
    }

    /** Starts a call and plays it up to its first prompt; answer prompts with {@link SimulatedCall#press}. */
    public SimulatedCall dial(String url, String from, String to, Consumer<CallStep> listener) {
        URI uri = URI.create(url);
        if (!uri.isAbsolute() || !List.of("http", "https").contains(uri.getScheme())) {
            throw new IllegalArgumentException("the call needs an absolute http(s) URL: " + url);
        }
        SimulatedCall call = new SimulatedCall(this, Sids.next("CA"), from, to, listener);
        call.begin(uri);
        return call;
    }

    String accountSid() {
        return accountSid;
    }

    int maxRequests() {
        return maxRequests;
    }

    boolean redeliver() {
        return redeliver;
    }

    Duration requestTimeout() {
        return TWILIO_TIMEOUT;
    }

    /** The signature of a request to {@code url}, over the URL the server knows itself by; null when unsigned. */
    String sign(URI url, Map<String, String> params) {
        if (signature == null) {
            return null;
        }
        String signed = url.toString();
        if (publicBaseUrl != null) {
            signed = publicBaseUrl + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return signature.sign(signed, multi);
    }

    /** A URL under the public base (an absolute action the server wrote) is fetched from the server itself. */
    URI local(URI url, URI called) {
        if (publicBaseUrl != null && url.toString().startsWith(publicBaseUrl + "/")) {
            return URI.create(called.getScheme() + "://" + called.getRawAuthority()
                    + url.toString().substring(publicBaseUrl.length()));
        }
        return url;
    }

    HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static final class Builder {

        private String token;
        private String accountSid;
        private String publicBaseUrl;
        private int maxRequests = DEFAULT_MAX_REQUESTS;
        private boolean redeliver;

        private Builder() {
        }

        /** The carrier's auth token (SignalWire: signing key) that signs each request; null sends unsigned requests. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The {@code AccountSid} sent with each request; a fresh one when unset. */
        public Builder accountSid(String accountSid) {
            this.accountSid = accountSid;
            return this;
        }

        /**
         * The base URL the server checks signatures against ({@code callgate.public-base-url}) when it
         * differs from the URL called, as behind a proxy or tunnel.
         */
        public Builder publicBaseUrl(String publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl;
            return this;
        }

        /** Webhook requests allowed in one call before it counts as a loop. */
        public Builder maxRequests(int maxRequests) {
            if (maxRequests < 1) {
                throw new IllegalArgumentException("maxRequests must be at least 1");
            }
            this.maxRequests = maxRequests;
            return this;
        }

        /**
         * Delivers every request twice with the same idempotency token, as a carrier retrying does,
         * and reports a finding when the two answers differ.
         */
        public Builder redeliver(boolean redeliver) {
            this.redeliver = redeliver;
            return this;
        }

        public CallSimulator build() {
            return new CallSimulator(this);
        }
    }
}
