package io.callgate.verify;

import io.callgate.api.ApiException;
import io.callgate.api.PublicUrls;
import io.callgate.api.TwilioApi;
import io.callgate.delivery.Channel;
import io.callgate.limits.BucketGate;
import io.callgate.system.ServerSecrets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/Services/{ServiceSid}/Verifications} and {@code /VerificationCheck}. */
@TwilioApi
@RestController
@RequestMapping("/v2/Services/{serviceSid}")
class VerificationsController {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final VerificationLifecycle verifications;
    private final VerifyServices services;
    private final BucketGate buckets;
    private final ServerSecrets secrets;
    private final PublicUrls urls;

    VerificationsController(VerificationLifecycle verifications, VerifyServices services, BucketGate buckets,
                            ServerSecrets secrets, PublicUrls urls) {
        this.verifications = verifications;
        this.services = services;
        this.buckets = buckets;
        this.secrets = secrets;
        this.urls = urls;
    }

    @PostMapping(path = "/Verifications", consumes = FORM)
    ResponseEntity<VerificationView> create(
            @PathVariable String serviceSid,
            @RequestParam(name = "To") String to,
            @RequestParam(name = "Channel") String channel,
            @RequestParam(name = "CustomFriendlyName", required = false) String customFriendlyName,
            @RequestParam(name = "Locale", required = false) String locale,
            @RequestParam(name = "CustomCode", required = false) String customCode,
            @RequestParam(name = "RateLimits", required = false) String rateLimits) {
        VerifyService service = service(serviceSid);
        if (customFriendlyName != null && customFriendlyName.length() > ServicesController.MAX_FRIENDLY_NAME) {
            throw ApiException.invalidParameter("CustomFriendlyName");
        }
        if (locale != null && !locale.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
            throw ApiException.invalidParameter("Locale");
        }
        VerificationLifecycle.Started started = verifications.send(new Verifications.Start(service, to,
                Channel.parse(channel), locale, customFriendlyName, customCode, buckets.parse(rateLimits)));
        Verification v = started.verification();
        return ResponseEntity.status(HttpStatus.CREATED).body(view(v, started.attempts()
                .orElseGet(() -> verifications.attempts(v.sid()))));
    }

    @GetMapping("/Verifications/{sid}")
    VerificationView fetch(@PathVariable String serviceSid, @PathVariable String sid) {
        return view(verifications.fetchPending(service(serviceSid), sid));
    }

    @PostMapping(path = "/Verifications/{sid}", consumes = FORM)
    VerificationView update(@PathVariable String serviceSid, @PathVariable String sid,
                            @RequestParam(name = "Status") String status) {
        VerificationStatus target = switch (status) {
            case "canceled" -> VerificationStatus.CANCELED;
            case "approved" -> VerificationStatus.APPROVED;
            default -> throw ApiException.invalidParameter("Status");
        };
        return view(verifications.update(service(serviceSid), sid, target));
    }

    @PostMapping(path = "/VerificationCheck", consumes = FORM)
    VerificationCheckView check(@PathVariable String serviceSid,
                                @RequestParam(name = "Code", required = false) String code,
                                @RequestParam(name = "To", required = false) String to,
                                @RequestParam(name = "VerificationSid", required = false) String verificationSid) {
        VerifyService service = service(serviceSid);
        Verification v = verifications.check(new Verifications.Check(service, blankToNull(verificationSid),
                blankToNull(to), code));
        return VerificationCheckView.of(v, secrets.accountSid());
    }

    private VerifyService service(String serviceSid) {
        return services.find(serviceSid).orElseThrow(() -> ApiException.notFound("/Services/" + serviceSid));
    }

    private VerificationView view(Verification v) {
        return view(v, verifications.attempts(v.sid()));
    }

    private VerificationView view(Verification v, java.util.List<SendAttempt> attempts) {
        return VerificationView.of(v, attempts, secrets.accountSid(),
                urls.of("/v2/Services/" + v.serviceSid() + "/Verifications/" + v.sid()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
