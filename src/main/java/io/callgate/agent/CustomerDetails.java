package io.callgate.agent;

import io.callgate.directory.Accounts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a customer is, by the reference the caller or the CRM gave: the local directory's account of
 * that number, or the answer of a configured HTTP endpoint. Only {@link InteractionDesk} asks, and
 * only for a verified interaction.
 */
@Component
class CustomerDetails {

    /** A customer as the console shows them, after verification. */
    record Customer(String name, String phone, String email, Map<String, String> details) {
    }

    private static final Logger log = LoggerFactory.getLogger(CustomerDetails.class);

    private final Accounts accounts;
    private final AgentProperties.CustomerLookup lookup;
    private final JsonMapper json;
    private final HttpClient http;

    CustomerDetails(Accounts accounts, AgentProperties properties, JsonMapper json) {
        this.accounts = accounts;
        this.lookup = properties.customerLookup();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(lookup.timeout()).build();
    }

    Optional<Customer> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        return lookup.url().isBlank() ? fromDirectory(ref) : fromEndpoint(ref);
    }

    private Optional<Customer> fromDirectory(String ref) {
        return accounts.find(ref).map(stored -> {
            var a = stored.account();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("account", a.number());
            details.putAll(a.attributes());
            return new Customer(a.displayName(), a.phone(), a.email(), details);
        });
    }

    /** A JSON object: {@code name}, {@code phone}, {@code email}, and any other string fields as details; 404 is "no such customer". */
    private Optional<Customer> fromEndpoint(String ref) {
        HttpRequest.Builder request = HttpRequest.newBuilder(lookup.uriFor(ref)).timeout(lookup.timeout())
                .header("Accept", "application/json").GET();
        if (!lookup.bearerToken().isBlank()) {
            request.header("Authorization", "Bearer " + lookup.bearerToken());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new CustomerLookupException("the customer lookup answered HTTP " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            if (!body.isObject()) {
                throw new CustomerLookupException("the customer lookup did not answer a JSON object");
            }
            Map<String, String> details = new LinkedHashMap<>();
            body.properties().forEach(field -> {
                if (field.getValue().isValueNode() && !field.getKey().equals("name") && !field.getKey().equals("phone")
                        && !field.getKey().equals("email")) {
                    details.put(field.getKey(), field.getValue().asString());
                }
            });
            return Optional.of(new Customer(text(body, "name"), text(body, "phone"), text(body, "email"), details));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CustomerLookupException known) {
                throw known;
            }
            log.warn("customer lookup failed: {}", e.toString());
            throw new CustomerLookupException("the customer lookup could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CustomerLookupException("interrupted");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The lookup failed; the console says so instead of showing nothing. */
    static final class CustomerLookupException extends RuntimeException {

        CustomerLookupException(String message) {
            super(message, null, false, false);
        }
    }
}
