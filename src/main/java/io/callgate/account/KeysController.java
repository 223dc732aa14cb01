package io.callgate.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.TwilioApi;
import io.callgate.system.ServerSecrets;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's API key resource (2010-04-01 API, RFC 2822 dates). Only the account credentials may
 * manage keys, as with Twilio's standard keys.
 */
@TwilioApi
@RestController
@RequestMapping("/2010-04-01/Accounts/{accountSid}")
class KeysController {

    private final ApiKeys keys;
    private final ServerSecrets secrets;

    KeysController(ApiKeys keys, ServerSecrets secrets) {
        this.keys = keys;
        this.secrets = secrets;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyView(String sid, @JsonProperty("friendly_name") String friendlyName,
                   @JsonProperty("date_created") String dateCreated, @JsonProperty("date_updated") String dateUpdated,
                   String secret) {

        static KeyView of(ApiKeys.ApiKey key, String secret) {
            return new KeyView(key.sid(), key.friendlyName(), rfc2822(key.dateCreated()), rfc2822(key.dateUpdated()), secret);
        }
    }

    @PostMapping(path = {"/Keys.json", "/Keys"}, consumes = "application/x-www-form-urlencoded")
    ResponseEntity<KeyView> create(@PathVariable String accountSid, HttpServletRequest request,
                                   @RequestParam(name = "FriendlyName", required = false) String friendlyName) {
        requireAccount(accountSid, request);
        if (friendlyName != null && friendlyName.length() > 64) {
            throw ApiException.invalidParameter("FriendlyName");
        }
        var created = keys.create(friendlyName);
        return ResponseEntity.status(HttpStatus.CREATED).body(KeyView.of(created.key(), created.secret()));
    }

    @GetMapping(path = {"/Keys.json", "/Keys"})
    Map<String, Object> list(@PathVariable String accountSid, HttpServletRequest request) {
        requireAccount(accountSid, request);
        List<KeyView> all = keys.list().stream().map(k -> KeyView.of(k, null)).toList();
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Keys.json";
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("keys", all);
        body.put("first_page_uri", uri + "?PageSize=" + Math.max(1, all.size()) + "&Page=0");
        body.put("next_page_uri", null);
        body.put("previous_page_uri", null);
        body.put("page", 0);
        body.put("page_size", Math.max(1, all.size()));
        body.put("start", 0);
        body.put("end", Math.max(0, all.size() - 1));
        body.put("uri", uri);
        return body;
    }

    @DeleteMapping(path = {"/Keys/{sid}.json", "/Keys/{sid}"})
    ResponseEntity<Void> delete(@PathVariable String accountSid, @PathVariable String sid, HttpServletRequest request) {
        requireAccount(accountSid, request);
        if (!keys.delete(sid)) {
            throw ApiException.notFound("/Accounts/" + accountSid + "/Keys/" + sid + ".json");
        }
        return ResponseEntity.noContent().build();
    }

    private void requireAccount(String accountSid, HttpServletRequest request) {
        if (!secrets.accountSid().equals(accountSid)) {
            throw ApiException.notFound("/Accounts/" + accountSid + "/Keys.json");
        }
        if (!accountSid.equals(request.getAttribute(ApiAuthentication.PRINCIPAL))) {
            throw new ApiException(HttpStatus.FORBIDDEN, 20003, "API keys cannot manage API keys; use the account credentials");
        }
    }

    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US);

    private static String rfc2822(Instant instant) {
        return RFC_2822.format(instant.atOffset(ZoneOffset.UTC));
    }
}
