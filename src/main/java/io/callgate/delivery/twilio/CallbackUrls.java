package io.callgate.delivery.twilio;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where carriers call callgate back: below {@code callgate.public-base-url}, the URL carriers reach and sign.
 * The URLs carry only a provider id, an attempt sid and a language, never a code.
 */
@Component
class CallbackUrls {

    static final String ROOT = "/callbacks/twilio/";
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    private final String base;

    CallbackUrls(@Value("${callgate.public-base-url:}") String base) {
        this.base = base.trim().replaceAll("/+$", "");
    }

    /** Whether carriers can call back at all. */
    boolean available() {
        return !base.isEmpty();
    }

    /** Where a call's key press goes. */
    Optional<String> keypress(String providerId, String attemptSid, String language) {
        return url(ROOT + providerId + "/calls/" + attemptSid + "/" + language);
    }

    /** Where a provider's message statuses go. */
    Optional<String> messageStatus(String providerId) {
        return url(ROOT + providerId + "/messages");
    }

    /** The public URL of a request to callgate, as the carrier signed it. */
    String publicUrl(String pathWithinApplication) {
        return base + pathWithinApplication;
    }

    static boolean isLanguage(String language) {
        return language != null && LANGUAGE.matcher(language).matches();
    }

    private Optional<String> url(String path) {
        return available() ? Optional.of(base + path) : Optional.empty();
    }
}
