package io.callgate.limits;

import io.callgate.api.ApiException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The countries that sms and call codes may reach ({@code callgate.limits.allowed-countries}). */
@Component
public class GeoPermissions {

    private final Set<String> allowed;
    private final LimitHits hits;

    GeoPermissions(LimitProperties properties, LimitHits hits) {
        this.allowed = properties.normalisedCountries();
        this.hits = hits;
    }

    /**
     * Refuses with 60605 before anything is sent. A number without a country is allowed only when
     * all are. A service may narrow the server's list, never widen it.
     *
     * @param serviceAllowed the service's own list; empty for the server's alone
     */
    public void requireAllowed(String country, String masked, Set<String> serviceAllowed) {
        boolean server = allowed.contains("*") || (country != null && allowed.contains(country));
        boolean service = serviceAllowed.isEmpty() || (country != null && serviceAllowed.contains(country));
        if (server && service) {
            return;
        }
        hits.hit("geo-permissions", masked);
        throw new ApiException(HttpStatus.FORBIDDEN, 60605,
                "Verification delivery attempt blocked: geo permissions do not allow " + (country == null ? "this destination" : country));
    }
}
