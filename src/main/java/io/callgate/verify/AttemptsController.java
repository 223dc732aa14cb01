package io.callgate.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import io.callgate.api.ListPage;
import io.callgate.api.PageRequest;
import io.callgate.api.PublicUrls;
import io.callgate.api.TwilioApi;
import io.callgate.delivery.Channel;
import io.callgate.system.ServerSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** {@code /v2/Attempts}: the log of code deliveries, with Twilio's filters, and its summary. */
@TwilioApi
@RestController
@RequestMapping("/v2/Attempts")
class AttemptsController {

    private final SendAttempts attempts;
    private final ServerSecrets secrets;
    private final PublicUrls urls;

    AttemptsController(SendAttempts attempts, ServerSecrets secrets, PublicUrls urls) {
        this.attempts = attempts;
        this.secrets = secrets;
        this.urls = urls;
    }

    record AttemptView(String sid, @JsonProperty("account_sid") String accountSid,
                       @JsonProperty("service_sid") String serviceSid,
                       @JsonProperty("verification_sid") String verificationSid,
                       @JsonProperty("date_created") String dateCreated, @JsonProperty("date_updated") String dateUpdated,
                       @JsonProperty("conversion_status") String conversionStatus, String channel,
                       Map<String, Object> price, @JsonProperty("channel_data") Map<String, Object> channelData,
                       String url) {
    }

    record SummaryView(@JsonProperty("total_attempts") long totalAttempts,
                       @JsonProperty("total_converted") long totalConverted,
                       @JsonProperty("total_unconverted") long totalUnconverted,
                       @JsonProperty("conversion_rate_percentage") String conversionRatePercentage, String url) {
    }

    @GetMapping
    ListPage<AttemptView> list(@RequestParam Map<String, String> params,
                               @RequestParam(name = "PageSize", required = false) Integer pageSize,
                               @RequestParam(name = "Page", required = false) Integer page) {
        PageRequest request = PageRequest.of(pageSize, page);
        SendAttempts.Filter filter = filter(params, null);
        return request.render("attempts", urls.of("/v2/Attempts"), query(params),
                attempts.page(filter, request.offset(), request.limitPlusOne()), this::view);
    }

    @GetMapping("/Summary")
    SummaryView summary(@RequestParam Map<String, String> params) {
        long[] totals = attempts.summary(filter(params, params.get("DestinationPrefix")));
        long total = totals[0];
        long converted = totals[1];
        String rate = total == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.2f", 100.0 * converted / total);
        return new SummaryView(total, converted, total - converted, rate, urls.of("/v2/Attempts/Summary"));
    }

    @GetMapping("/{sid}")
    AttemptView fetch(@PathVariable String sid) {
        return attempts.find(sid).map(this::view).orElseThrow(() -> ApiException.notFound("/Attempts/" + sid));
    }

    private static SendAttempts.Filter filter(Map<String, String> p, String destinationPrefix) {
        String channel = p.get("Channel");
        String status = p.get("Status");
        if (status != null && !status.equals("converted") && !status.equals("unconverted")) {
            throw ApiException.invalidParameter("Status");
        }
        String country = p.get("Country");
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw ApiException.invalidParameter("Country");
        }
        return new SendAttempts.Filter(Iso.parse(p.get("DateCreatedAfter"), "DateCreatedAfter"),
                Iso.parse(p.get("DateCreatedBefore"), "DateCreatedBefore"), p.get("ChannelData.To"), country,
                channel == null ? null : Channel.parse(channel), p.get("VerifyServiceSid"), p.get("VerificationSid"),
                status, destinationPrefix);
    }

    /** The filters carried into the page URLs, so following next_page_url keeps them. */
    private static String query(Map<String, String> p) {
        StringBuilder query = new StringBuilder();
        for (String key : new String[] {"DateCreatedAfter", "DateCreatedBefore", "ChannelData.To", "Country", "Channel",
                "VerifyServiceSid", "VerificationSid", "Status"}) {
            String value = p.get(key);
            if (value != null) {
                query.append(query.isEmpty() ? "" : "&").append(key).append('=')
                        .append(UriUtils.encodeQueryParam(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    private AttemptView view(SendAttempt a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("to", a.to());
        data.put("status", a.status());
        data.put("error_code", a.errorCode());
        data.put("country", a.country());
        data.put("code_length", a.codeLength());
        data.put("locale", a.locale());
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("value", null);
        price.put("currency", null);
        return new AttemptView(a.sid(), secrets.accountSid(), a.serviceSid(), a.verificationSid(),
                Iso.format(a.dateCreated()), Iso.format(a.dateUpdated()), a.converted() ? "converted" : "unconverted",
                a.channel().wireName(), price, data, urls.of("/v2/Attempts/" + a.sid()));
    }
}
