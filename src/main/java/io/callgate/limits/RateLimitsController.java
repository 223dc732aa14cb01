package io.callgate.limits;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import io.callgate.api.ListPage;
import io.callgate.api.PageRequest;
import io.callgate.api.PublicUrls;
import io.callgate.api.TwilioApi;
import io.callgate.system.ServerSecrets;
import io.callgate.system.Sids;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/Services/{ServiceSid}/RateLimits} and their {@code Buckets}. */
@TwilioApi
@RestController
@RequestMapping("/v2/Services/{serviceSid}/RateLimits")
class RateLimitsController {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern UNIQUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_RATE_LIMITS = 10;
    static final int MAX_BUCKETS = 10;
    static final int MAX_INTERVAL_SECONDS = 30 * 86_400;

    private final RateLimits store;
    private final Predicate<String> serviceExists;
    private final ServerSecrets secrets;
    private final PublicUrls urls;
    private final Clock clock;

    RateLimitsController(RateLimits store, ServiceDirectory services, ServerSecrets secrets, PublicUrls urls, Clock clock) {
        this.store = store;
        this.serviceExists = services::exists;
        this.secrets = secrets;
        this.urls = urls;
        this.clock = clock;
    }

    record RateLimitView(String sid, @JsonProperty("service_sid") String serviceSid,
                         @JsonProperty("account_sid") String accountSid, @JsonProperty("unique_name") String uniqueName,
                         String description, @JsonProperty("date_created") String dateCreated,
                         @JsonProperty("date_updated") String dateUpdated, String url, Map<String, String> links) {
    }

    record BucketView(String sid, @JsonProperty("rate_limit_sid") String rateLimitSid,
                      @JsonProperty("service_sid") String serviceSid, @JsonProperty("account_sid") String accountSid,
                      int max, int interval, @JsonProperty("date_created") String dateCreated,
                      @JsonProperty("date_updated") String dateUpdated, String url) {
    }

    @PostMapping(consumes = FORM)
    ResponseEntity<RateLimitView> create(@PathVariable String serviceSid,
                                         @RequestParam(name = "UniqueName") String uniqueName,
                                         @RequestParam(name = "Description", required = false) String description) {
        requireService(serviceSid);
        if (!UNIQUE_NAME.matcher(uniqueName).matches()) {
            throw ApiException.invalidParameter("UniqueName");
        }
        requireDescription(description);
        if (store.count(serviceSid) >= MAX_RATE_LIMITS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60207, "Max number of Rate Limits per Service reached");
        }
        Instant now = clock.instant();
        RateLimit rateLimit = new RateLimit(Sids.next("RK"), serviceSid, uniqueName, description, now, now);
        try {
            store.insert(rateLimit);
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60208, "A Rate Limit with this UniqueName already exists");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view(rateLimit));
    }

    @GetMapping
    ListPage<RateLimitView> list(@PathVariable String serviceSid,
                                 @RequestParam(name = "PageSize", required = false) Integer pageSize,
                                 @RequestParam(name = "Page", required = false) Integer page) {
        requireService(serviceSid);
        PageRequest request = PageRequest.of(pageSize, page);
        return request.render("rate_limits", urls.of("/v2/Services/" + serviceSid + "/RateLimits"), null,
                store.page(serviceSid, request.offset(), request.limitPlusOne()), this::view);
    }

    @GetMapping("/{sid}")
    RateLimitView fetch(@PathVariable String serviceSid, @PathVariable String sid) {
        return view(require(serviceSid, sid));
    }

    @PostMapping(path = "/{sid}", consumes = FORM)
    RateLimitView update(@PathVariable String serviceSid, @PathVariable String sid,
                         @RequestParam(name = "Description", required = false) String description) {
        require(serviceSid, sid);
        requireDescription(description);
        store.updateDescription(sid, description, clock.instant());
        return view(require(serviceSid, sid));
    }

    @DeleteMapping("/{sid}")
    ResponseEntity<Void> delete(@PathVariable String serviceSid, @PathVariable String sid) {
        require(serviceSid, sid);
        if (!store.delete(serviceSid, sid)) {
            throw ApiException.notFound("/Services/" + serviceSid + "/RateLimits/" + sid);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{rateLimitSid}/Buckets", consumes = FORM)
    ResponseEntity<BucketView> createBucket(@PathVariable String serviceSid, @PathVariable String rateLimitSid,
                                            @RequestParam(name = "Max") Integer max,
                                            @RequestParam(name = "Interval") Integer interval) {
        require(serviceSid, rateLimitSid);
        requireBucket(max, interval);
        if (store.countBuckets(rateLimitSid) >= MAX_BUCKETS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60210, "Max number of Buckets per Rate Limit reached");
        }
        Instant now = clock.instant();
        Bucket bucket = new Bucket(Sids.next("BL"), rateLimitSid, serviceSid, max, interval, now, now);
        store.insert(bucket);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(bucket));
    }

    @GetMapping("/{rateLimitSid}/Buckets")
    ListPage<BucketView> listBuckets(@PathVariable String serviceSid, @PathVariable String rateLimitSid,
                                     @RequestParam(name = "PageSize", required = false) Integer pageSize,
                                     @RequestParam(name = "Page", required = false) Integer page) {
        require(serviceSid, rateLimitSid);
        PageRequest request = PageRequest.of(pageSize, page);
        return request.render("buckets", urls.of(path(serviceSid, rateLimitSid)), null,
                store.buckets(rateLimitSid, request.offset(), request.limitPlusOne()), this::view);
    }

    @GetMapping("/{rateLimitSid}/Buckets/{sid}")
    BucketView fetchBucket(@PathVariable String serviceSid, @PathVariable String rateLimitSid, @PathVariable String sid) {
        return view(requireBucket(serviceSid, rateLimitSid, sid));
    }

    @PostMapping(path = "/{rateLimitSid}/Buckets/{sid}", consumes = FORM)
    BucketView updateBucket(@PathVariable String serviceSid, @PathVariable String rateLimitSid, @PathVariable String sid,
                            @RequestParam(name = "Max", required = false) Integer max,
                            @RequestParam(name = "Interval", required = false) Integer interval) {
        Bucket current = requireBucket(serviceSid, rateLimitSid, sid);
        Bucket updated = new Bucket(sid, rateLimitSid, serviceSid, max == null ? current.max() : max,
                interval == null ? current.intervalSeconds() : interval, current.dateCreated(), clock.instant());
        requireBucket(updated.max(), updated.intervalSeconds());
        store.update(updated);
        return view(updated);
    }

    @DeleteMapping("/{rateLimitSid}/Buckets/{sid}")
    ResponseEntity<Void> deleteBucket(@PathVariable String serviceSid, @PathVariable String rateLimitSid,
                                      @PathVariable String sid) {
        require(serviceSid, rateLimitSid);
        if (!store.deleteBucket(rateLimitSid, sid)) {
            throw ApiException.notFound(path(serviceSid, rateLimitSid).substring(3) + "/" + sid);
        }
        return ResponseEntity.noContent().build();
    }

    private void requireService(String serviceSid) {
        if (!serviceExists.test(serviceSid)) {
            throw ApiException.notFound("/Services/" + serviceSid);
        }
    }

    private RateLimit require(String serviceSid, String sid) {
        requireService(serviceSid);
        return store.find(serviceSid, sid)
                .orElseThrow(() -> ApiException.notFound("/Services/" + serviceSid + "/RateLimits/" + sid));
    }

    private Bucket requireBucket(String serviceSid, String rateLimitSid, String sid) {
        require(serviceSid, rateLimitSid);
        return store.findBucket(rateLimitSid, sid)
                .orElseThrow(() -> ApiException.notFound(path(serviceSid, rateLimitSid).substring(3) + "/" + sid));
    }

    private static void requireBucket(int max, int interval) {
        if (max < 1 || max > 1_000_000) {
            throw ApiException.invalidParameter("Max");
        }
        if (interval < 1 || interval > MAX_INTERVAL_SECONDS) {
            throw ApiException.invalidParameter("Interval");
        }
    }

    private static void requireDescription(String description) {
        if (description != null && description.length() > 255) {
            throw ApiException.invalidParameter("Description");
        }
    }

    private static String path(String serviceSid, String rateLimitSid) {
        return "/v2/Services/" + serviceSid + "/RateLimits/" + rateLimitSid + "/Buckets";
    }

    private RateLimitView view(RateLimit r) {
        String self = urls.of("/v2/Services/" + r.serviceSid() + "/RateLimits/" + r.sid());
        return new RateLimitView(r.sid(), r.serviceSid(), secrets.accountSid(), r.uniqueName(), r.description(),
                Iso.format(r.dateCreated()), Iso.format(r.dateUpdated()), self, Map.of("buckets", self + "/Buckets"));
    }

    private BucketView view(Bucket b) {
        return new BucketView(b.sid(), b.rateLimitSid(), b.serviceSid(), secrets.accountSid(), b.max(), b.intervalSeconds(),
                Iso.format(b.dateCreated()), Iso.format(b.dateUpdated()),
                urls.of(path(b.serviceSid(), b.rateLimitSid()) + "/" + b.sid()));
    }
}
