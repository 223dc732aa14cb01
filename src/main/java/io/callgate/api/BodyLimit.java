package io.callgate.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses API requests whose declared body is larger than {@code callgate.api.max-body-size}
 * with 413 in Twilio's error format, before anything reads them. Bodies without a declared
 * length are bounded by the server's form size limit.
 */
@Configuration(proxyBeanMethods = false)
class BodyLimit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> bodyLimitFilter(
            @Value("${callgate.api.max-body-size:64KB}") DataSize maxBody, JsonMapper json) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getContentLengthLong() > maxBody.toBytes()) {
                    response.setStatus(413);
                    response.setContentType("application/json");
                    json.writeValue(response.getOutputStream(),
                            ErrorBody.of(60200, "Request body too large: at most " + maxBody.toBytes() + " bytes", 413));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/v2/*", "/2010-04-01/*", "/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
