package io.callgate.voice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Twilio-Signature} of a carrier's webhook request: HMAC-SHA1, keyed with the carrier's auth
 * token (SignalWire: its signing key), over the full URL followed by every form parameter as name and value,
 * sorted by name. Carriers sign the URL as configured, so a URL is also tried with and without its
 * default port.
 */
public final class WebhookSignature {

    private final byte[] key;

    public WebhookSignature(String authToken) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("a webhook signing token is required");
        }
        this.key = authToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The signature a carrier would send for this request; repeated names contribute each value, sorted. */
    public String sign(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.stream().sorted()
                .forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    /** Constant-time check of a received signature against the URL as given, then with the default port toggled. */
    public boolean matches(String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] received = signature.getBytes(StandardCharsets.UTF_8);
        boolean ok = MessageDigest.isEqual(received, sign(url, params).getBytes(StandardCharsets.UTF_8));
        String other = withDefaultPortToggled(url);
        if (other != null) {
            ok |= MessageDigest.isEqual(received, sign(other, params).getBytes(StandardCharsets.UTF_8));
        }
        return ok;
    }

    /** {@code https://h/p} ↔ {@code https://h:443/p} (and :80 for http); null when the URL has another port. */
    static String withDefaultPortToggled(String url) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scheme = uri.getScheme();
        int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
        if (defaultPort < 0 || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            return null;
        }
        String authority = uri.getRawAuthority();
        String prefix = scheme + "://";
        String rest = url.substring(prefix.length() + authority.length());
        if (uri.getPort() == defaultPort) {
            return prefix + authority.substring(0, authority.lastIndexOf(':')) + rest;
        }
        return uri.getPort() == -1 ? prefix + authority + ":" + defaultPort + rest : null;
    }
}
