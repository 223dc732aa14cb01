package io.callgate.account;

import io.callgate.api.ErrorBody;
import io.callgate.system.ServerSecrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic authentication for the API, as Twilio does it: the account SID with its auth token,
 * or an API key SID with its secret. Failures answer 401 with code 20003.
 */
class ApiAuthentication extends OncePerRequestFilter {

    /** Request attribute holding the authenticated principal (account or API key SID). */
    static final String PRINCIPAL = ApiAuthentication.class.getName() + ".principal";

    private final ServerSecrets secrets;
    private final ApiKeys apiKeys;
    private final JsonMapper json;

    ApiAuthentication(ServerSecrets secrets, ApiKeys apiKeys, JsonMapper json) {
        this.secrets = secrets;
        this.apiKeys = apiKeys;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String principal = authenticate(request.getHeader("Authorization"));
        if (principal == null) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"callgate\"");
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), ErrorBody.of(20003, "Authenticate", 401));
            return;
        }
        request.setAttribute(PRINCIPAL, principal);
        chain.doFilter(request, response);
    }

    private String authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (user.equals(secrets.accountSid())) {
            return secrets.isAuthToken(password) ? user : null;
        }
        if (user.startsWith("SK") && user.length() == 34) {
            return apiKeys.authenticates(user, password) ? user : null;
        }
        return null;
    }
}
