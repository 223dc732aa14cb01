package io.callgate.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Paths under the API roots that name no resource get Twilio's 404 body, not the framework's. */
@TwilioApi
@RestController
class UnknownResources {

    @RequestMapping({"/v2/**", "/2010-04-01/**", "/api/**"})
    void unknown(HttpServletRequest request) {
        throw ApiException.notFound(request.getRequestURI().replaceFirst("^/v2", ""));
    }
}
