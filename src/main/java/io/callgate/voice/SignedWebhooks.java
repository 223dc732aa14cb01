package io.callgate.voice;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only voice webhooks signed by the carrier that serves their path ({@code X-Twilio-Signature}, or
 * SignalWire's {@code X-SignalWire-Signature}). The signed URL is the configured public base URL followed by
 * the path and query as received, so a server behind a proxy or tunnel checks the URL the carrier called.
 * Anything else gets 403 before any feature sees it.
 */
class SignedWebhooks extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignedWebhooks.class);
    static final List<String> SIGNATURE_HEADERS = List.of("X-Twilio-Signature", "X-SignalWire-Signature");

    /** Request attribute: the name of the carrier whose signature the request carries. */
    static final String CARRIER = SignedWebhooks.class.getName() + ".carrier";

    private final Carriers carriers;
    private final ObjectProvider<CarrierAssignment> assignments;
    private final String publicBaseUrl;
    private final MeterRegistry meters;

    SignedWebhooks(Carriers carriers, ObjectProvider<CarrierAssignment> assignments, String publicBaseUrl, MeterRegistry meters) {
        this.carriers = carriers;
        this.assignments = assignments;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> carrier = carrierOf(path);
        Map<String, List<String>> params;
        try {
            params = signedParameters(request);
        } catch (RuntimeException unreadable) {
            // Tomcat refuses bodies it cannot decode or that exceed the form size limit.
            refuse(response, path, "unreadable body");
            return;
        }
        String url = publicUrl(request);
        boolean signed = false;
        if (carrier.isPresent()) {
            for (String header : SIGNATURE_HEADERS) {
                String signature = request.getHeader(header);
                if (signature != null) {
                    signed |= carriers.signed(carrier.get(), url, params, signature);
                }
            }
        }
        if (!signed) {
            refuse(response, path, carrier.isEmpty() ? "no carrier serves this path" : "missing or wrong signature");
            return;
        }
        request.setAttribute(CARRIER, carrier.get());
        chain.doFilter(request, response);
    }

    private Optional<String> carrierOf(String path) {
        for (CarrierAssignment assignment : (Iterable<CarrierAssignment>) assignments.orderedStream()::iterator) {
            Optional<String> assigned = assignment.carrierFor(path);
            if (assigned.isPresent()) {
                return assigned.filter(carriers::exists);
            }
        }
        return carriers.defaultCarrier();
    }

    private void refuse(HttpServletResponse response, String path, String reason) throws IOException {
        meters.counter("callgate.voice.signature.failures").increment();
        log.warn("voice webhook refused on {}: {}", path.length() > 120 ? path.substring(0, 120) : path, reason);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Forbidden: the request is not signed by the carrier of this webhook\n");
    }

    /** The URL as the carrier called it: public base URL (or this request's scheme and host), path and query. */
    String publicUrl(HttpServletRequest request) {
        String host = request.getHeader("Host");
        String base = !publicBaseUrl.isEmpty() ? publicBaseUrl
                : request.getScheme() + "://" + (host != null ? host : request.getServerName() + ":" + request.getServerPort());
        String query = request.getQueryString();
        return base + request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /**
     * The form parameters of a POST body. The servlet API merges query and body parameters; the signature covers
     * the query as part of the URL only, so each query value is taken out again.
     */
    static Map<String, List<String>> signedParameters(HttpServletRequest request) {
        if (!"POST".equalsIgnoreCase(request.getMethod()) || request.getContentType() == null
                || !request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, new ArrayList<>(Arrays.asList(values))));
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                List<String> values = params.get(name);
                if (values != null) {
                    values.remove(value);
                    if (values.isEmpty()) {
                        params.remove(name);
                    }
                }
            }
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
