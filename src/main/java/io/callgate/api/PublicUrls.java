package io.callgate.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The absolute URLs in resource bodies ({@code url}, {@code links}, page URLs). Behind a proxy set
 * {@code callgate.public-base-url}; otherwise the request's own scheme and host are used.
 */
@Component
public class PublicUrls {

    private final String configured;

    PublicUrls(@Value("${callgate.public-base-url:}") String configured) {
        this.configured = configured.replaceAll("/+$", "");
    }

    public String of(String path) {
        if (!configured.isEmpty()) {
            return configured + path;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUriString();
    }
}
