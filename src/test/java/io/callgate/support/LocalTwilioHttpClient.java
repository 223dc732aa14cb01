package io.callgate.support;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;

/** Sends the official SDK's requests to a local callgate instead of twilio.com, unchanged otherwise. */
public final class LocalTwilioHttpClient extends NetworkHttpClient {

    private final String base;

    public LocalTwilioHttpClient(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(Request original) {
        URI uri = URI.create(original.getUrl());
        Request local = new Request(original.getMethod(),
                base + uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
        original.getQueryParams().forEach((k, values) -> values.forEach(v -> local.addQueryParam(k, v)));
        original.getPostParams().forEach((k, values) -> values.forEach(v -> local.addPostParam(k, v)));
        original.getHeaderParams().forEach((k, values) -> values.forEach(v -> local.addHeaderParam(k, v)));
        if (original.getUsername() != null) {
            local.setAuth(original.getUsername(), original.getPassword());
        } else if (original.getAuthStrategy() != null) {
            local.setAuth(original.getAuthStrategy());
        }
        local.setContentType(original.getContentType());
        local.setBody(original.getBody());
        local.setUserAgentExtensions(original.getUserAgentExtensions());
        return super.makeRequest(local);
    }
}
