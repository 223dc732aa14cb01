package io.callgate.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's error body for API requests Spring could not route to a controller: no such path
 * (404, 20404), a method the path does not take (405, 20004), a body that is not a form (415).
 * {@link ApiErrors} cannot answer these: controller advice applies only once a controller has
 * been chosen. Runs before Spring's own resolvers, which would answer in Spring's format.
 */
@Component
class UnroutedApiRequests implements HandlerExceptionResolver, Ordered {

    private static final Pattern API_PATH = Pattern.compile("/(v2|2010-04-01|api|admin)(/.*)?");

    private final JsonMapper json;

    UnroutedApiRequests(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!API_PATH.matcher(path).matches()) {
            return null;
        }
        ApiException error;
        switch (ex) {
            case NoResourceFoundException e -> error = ApiException.notFound(path.replaceFirst("^/v2", ""));
            case NoHandlerFoundException e -> error = ApiException.notFound(path.replaceFirst("^/v2", ""));
            case HttpRequestMethodNotSupportedException e -> {
                if (e.getSupportedHttpMethods() != null) {
                    response.setHeader(HttpHeaders.ALLOW, StringUtils.collectionToCommaDelimitedString(e.getSupportedHttpMethods()));
                }
                error = new ApiException(HttpStatus.METHOD_NOT_ALLOWED, 20004, "Method not allowed");
            }
            case HttpMediaTypeNotSupportedException e -> {
                // The Twilio surfaces take forms; the admin API names what each route takes.
                String accepted = e.getSupportedMediaTypes().isEmpty() || !path.startsWith("/admin")
                        ? MediaType.APPLICATION_FORM_URLENCODED_VALUE
                        : MediaType.toString(e.getSupportedMediaTypes());
                response.setHeader(HttpHeaders.ACCEPT, accepted);
                error = new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 60200, "Unsupported Content-Type: send " + accepted);
            }
            default -> {
                return null;
            }
        }
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try {
            json.writeValue(response.getOutputStream(), ErrorBody.of(error.code(), error.getMessage(), error.status().value()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    /** Before the resolver that holds Spring's defaults (order 0). */
    @Override
    public int getOrder() {
        return -1;
    }
}
