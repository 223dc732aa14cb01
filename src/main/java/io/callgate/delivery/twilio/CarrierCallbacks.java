package io.callgate.delivery.twilio;

import io.callgate.delivery.DeliveryListener;
import io.callgate.delivery.MessageText;
import io.callgate.delivery.Providers;
import io.callgate.system.Sids;
import io.callgate.verify.Verifications;
import io.callgate.voice.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Twilio and SignalWire post back: the key press of a code call, and the status of an sms. Every request
 * must carry a valid {@code X-Twilio-Signature} made with the provider's key over the public URL and the form;
 * anything else gets 403 before any work. The code is read only in the body of a TwiML answer, only to the call
 * that delivered the attempt, and only while its verification is pending.
 */
@RestController
@RequestMapping(CallbackUrls.ROOT + "{providerId}")
class CarrierCallbacks {

    private static final Logger log = LoggerFactory.getLogger(CarrierCallbacks.class);
    private static final MediaType TWIML = new MediaType("text", "xml", StandardCharsets.UTF_8);
    /** Twilio's final message statuses, as attempts record them; the others (queued, sent, …) change nothing. */
    private static final Map<String, String> FINAL_STATUS = Map.of(
            "delivered", "delivered", "undelivered", "undelivered", "failed", "failed");

    private final Providers providers;
    private final CallbackUrls urls;
    private final Verifications verifications;
    private final DeliveryListener listener;

    CarrierCallbacks(Providers providers, CallbackUrls urls, Verifications verifications, DeliveryListener listener) {
        this.providers = providers;
        this.urls = urls;
        this.verifications = verifications;
        this.listener = listener;
    }

    /** The {@code <Gather>} action of a call that waited for a key: the code, or goodbye. */
    @PostMapping("/calls/{attemptSid}/{language}")
    ResponseEntity<String> keypress(@PathVariable String providerId, @PathVariable String attemptSid,
                                    @PathVariable String language, HttpServletRequest request) {
        Optional<TwilioRestProvider> provider = signed(providerId, request);
        CallScript script = provider.map(p -> p.script(language)).orElseGet(() -> new CallScript("en", ""));
        if (provider.isEmpty()) {
            return ResponseEntity.status(403).contentType(TWIML).body(script.goodbye());
        }
        String digits = request.getParameter("Digits");
        Optional<String> code = digits == null || digits.isEmpty() || !Sids.looksLike("VL", attemptSid)
                ? Optional.empty()
                : verifications.codeToSpeak(attemptSid, providerId, request.getParameter("CallSid"));
        if (code.isEmpty()) {
            log.info("call of attempt {} (provider {}) ended without reading a code: no key, or nothing pending",
                    Sids.looksLike("VL", attemptSid) ? attemptSid : "?", providerId);
            return ResponseEntity.ok().contentType(TWIML).body(script.goodbye());
        }
        return ResponseEntity.ok().contentType(TWIML).body(script.reading(MessageText.callAfterKeypress(code.get())));
    }

    /** The {@code StatusCallback} of an sms: a final status becomes a delivery receipt on its attempt. */
    @PostMapping("/messages")
    ResponseEntity<Void> messageStatus(@PathVariable String providerId, HttpServletRequest request) {
        if (signed(providerId, request).isEmpty()) {
            return ResponseEntity.status(403).build();
        }
        String sid = request.getParameter("MessageSid");
        String status = FINAL_STATUS.get(String.valueOf(request.getParameter("MessageStatus")).toLowerCase(Locale.ROOT));
        if (sid != null && status != null) {
            String error = request.getParameter("ErrorCode");
            if (!listener.receipt(providerId, sid, status, error == null || error.isBlank() ? null : error)) {
                log.info("status {} of message {} (provider {}) matched no attempt", status, sid, providerId);
            }
        }
        return ResponseEntity.noContent().build();
    }

    /** The provider, when the request is signed by it; empty (and logged) otherwise. */
    private Optional<TwilioRestProvider> signed(String providerId, HttpServletRequest request) {
        Optional<TwilioRestProvider> provider = Optional.ofNullable(providers.byId(providerId))
                .filter(TwilioRestProvider.class::isInstance).map(TwilioRestProvider.class::cast);
        Optional<WebhookSignature> signature = provider.flatMap(TwilioRestProvider::signature);
        // callgate's callback URLs have no query: one there was not made by callgate, and would blur which
        // parameters the carrier signed.
        boolean valid = signature.isPresent() && request.getQueryString() == null
                && signature.get().matches(urls.publicUrl(pathWithinApplication(request)), form(request),
                        request.getHeader("X-Twilio-Signature"));
        if (!valid) {
            log.warn("refused a callback for provider {} without a valid X-Twilio-Signature", provider.isPresent()
                    ? providerId : "(unknown)");
            return Optional.empty();
        }
        return provider;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static Map<String, List<String>> form(HttpServletRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> form.put(name, Arrays.asList(values)));
        return form;
    }
}
