package io.callgate.verify;

import io.callgate.api.ApiException;
import io.callgate.api.ListPage;
import io.callgate.api.PageRequest;
import io.callgate.api.PublicUrls;
import io.callgate.api.TwilioApi;
import io.callgate.limits.RateLimits;
import io.callgate.system.ServerSecrets;
import io.callgate.system.Sids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/** {@code /v2/Services}: create, fetch, list, update, delete. */
@TwilioApi
@RestController
@RequestMapping("/v2/Services")
class ServicesController {

    private static final String FORM = "application/x-www-form-urlencoded";
    static final int MAX_FRIENDLY_NAME = 30;

    private final VerifyServices services;
    private final ServerSecrets secrets;
    private final PublicUrls urls;
    private final Clock clock;
    private final VerifyProperties properties;
    private final RateLimits rateLimits;

    ServicesController(VerifyServices services, ServerSecrets secrets, PublicUrls urls, Clock clock,
                       VerifyProperties properties, RateLimits rateLimits) {
        this.services = services;
        this.rateLimits = rateLimits;
        this.secrets = secrets;
        this.urls = urls;
        this.clock = clock;
        this.properties = properties;
    }

    /** The optional settings of create and update; null means "leave as it is". */
    record Settings(String friendlyName, Integer codeLength, Boolean lookupEnabled, Boolean skipSmsToLandlines,
                    Boolean dtmfInputRequired, String ttsName, Boolean psd2Enabled, Boolean doNotShareWarningEnabled,
                    Boolean customCodeEnabled, Boolean verifyEventSubscriptionEnabled, String defaultTemplateSid,
                    Integer codeValidity, String allowedCountries) {

        static Settings from(Map<String, String> form) {
            return new Settings(form.get("FriendlyName"), integer(form, "CodeLength"), bool(form, "LookupEnabled"),
                    bool(form, "SkipSmsToLandlines"), bool(form, "DtmfInputRequired"), form.get("TtsName"),
                    bool(form, "Psd2Enabled"), bool(form, "DoNotShareWarningEnabled"), bool(form, "CustomCodeEnabled"),
                    bool(form, "VerifyEventSubscriptionEnabled"), form.get("DefaultTemplateSid"),
                    integer(form, "CodeValidity"), form.get("AllowedCountries"));
        }

        private static Boolean bool(Map<String, String> form, String name) {
            String value = form.get(name);
            if (value == null) {
                return null;
            }
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw ApiException.invalidParameter(name);
            };
        }

        private static Integer integer(Map<String, String> form, String name) {
            String value = form.get(name);
            if (value == null) {
                return null;
            }
            try {
                return Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalidParameter(name);
            }
        }

        VerifyService applyTo(VerifyService s, Instant now) {
            if (friendlyName != null && (friendlyName.isBlank() || friendlyName.length() > MAX_FRIENDLY_NAME)) {
                throw ApiException.invalidParameter("FriendlyName");
            }
            if (codeLength != null && (codeLength < 4 || codeLength > 10)) {
                throw ApiException.invalidParameter("CodeLength");
            }
            if (codeValidity != null && (codeValidity < 60 || codeValidity > 600)) {
                throw ApiException.invalidParameter("CodeValidity");
            }
            if (defaultTemplateSid != null && !defaultTemplateSid.isEmpty() && !Sids.looksLike("HJ", defaultTemplateSid)) {
                throw ApiException.invalidParameter("DefaultTemplateSid");
            }
            if (ttsName != null && ttsName.length() > 128) {
                throw ApiException.invalidParameter("TtsName");
            }
            return new VerifyService(s.sid(), or(friendlyName, s.friendlyName()), or(codeLength, s.codeLength()),
                    or(lookupEnabled, s.lookupEnabled()), or(skipSmsToLandlines, s.skipSmsToLandlines()),
                    or(dtmfInputRequired, s.dtmfInputRequired()), or(ttsName, s.ttsName()), or(psd2Enabled, s.psd2Enabled()),
                    or(doNotShareWarningEnabled, s.doNotShareWarningEnabled()), or(customCodeEnabled, s.customCodeEnabled()),
                    or(verifyEventSubscriptionEnabled, s.verifyEventSubscriptionEnabled()),
                    or(defaultTemplateSid, s.defaultTemplateSid()),
                    codeValidity == null ? s.codeValidity() : Duration.ofSeconds(codeValidity),
                    allowedCountries == null ? s.allowedCountries() : countries(allowedCountries), s.dateCreated(), now);
        }

        /** A comma-separated list of ISO 3166 alpha-2 codes; empty clears it. */
        private static java.util.Set<String> countries(String list) {
            java.util.Set<String> countries = new java.util.TreeSet<>();
            for (String part : list.split(",")) {
                String country = part.trim().toUpperCase(java.util.Locale.ROOT);
                if (country.isEmpty()) {
                    continue;
                }
                if (!java.util.Locale.getISOCountries(java.util.Locale.IsoCountryCode.PART1_ALPHA2).contains(country)) {
                    throw ApiException.invalidParameter("AllowedCountries");
                }
                countries.add(country);
            }
            return java.util.Set.copyOf(countries);
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }

    @PostMapping(consumes = FORM)
    ResponseEntity<ServiceView> create(@RequestParam Map<String, String> form) {
        if (form.get("FriendlyName") == null) {
            throw ApiException.missingParameter("FriendlyName");
        }
        Instant now = clock.instant();
        VerifyService blank = new VerifyService(Sids.next("VA"), null, VerifyService.DEFAULT_CODE_LENGTH,
                false, false, true, null, false, false, false, false, null, properties.codeValidity(), java.util.Set.of(), now, now);
        VerifyService service = Settings.from(form).applyTo(blank, now);
        services.insert(service);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(service));
    }

    @GetMapping("/{sid}")
    ServiceView fetch(@PathVariable String sid) {
        return view(require(sid));
    }

    @GetMapping
    ListPage<ServiceView> list(@RequestParam(name = "PageSize", required = false) Integer pageSize,
                               @RequestParam(name = "Page", required = false) Integer page) {
        PageRequest request = PageRequest.of(pageSize, page);
        return request.render("services", urls.of("/v2/Services"), null,
                services.page(request.offset(), request.limitPlusOne()), this::view);
    }

    @PostMapping(path = "/{sid}", consumes = FORM)
    ServiceView update(@PathVariable String sid, @RequestParam Map<String, String> form) {
        VerifyService updated = Settings.from(form).applyTo(require(sid), clock.instant());
        services.update(updated);
        return view(updated);
    }

    @DeleteMapping("/{sid}")
    ResponseEntity<Void> delete(@PathVariable String sid) {
        if (!services.delete(sid)) {
            throw ApiException.notFound("/Services/" + sid);
        }
        rateLimits.deleteService(sid);
        return ResponseEntity.noContent().build();
    }

    private VerifyService require(String sid) {
        return services.find(sid).orElseThrow(() -> ApiException.notFound("/Services/" + sid));
    }

    private ServiceView view(VerifyService service) {
        return ServiceView.of(service, secrets.accountSid(), urls);
    }
}
