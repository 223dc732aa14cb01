package io.callgate.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.Iso;
import io.callgate.api.PublicUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Service resource as Twilio renders it. Push, TOTP, WhatsApp and passkey settings are echoed empty. */
record ServiceView(
        String sid,
        @JsonProperty("account_sid") String accountSid,
        @JsonProperty("friendly_name") String friendlyName,
        @JsonProperty("code_length") int codeLength,
        @JsonProperty("lookup_enabled") boolean lookupEnabled,
        @JsonProperty("psd2_enabled") boolean psd2Enabled,
        @JsonProperty("skip_sms_to_landlines") boolean skipSmsToLandlines,
        @JsonProperty("dtmf_input_required") boolean dtmfInputRequired,
        @JsonProperty("tts_name") String ttsName,
        @JsonProperty("do_not_share_warning_enabled") boolean doNotShareWarningEnabled,
        @JsonProperty("custom_code_enabled") boolean customCodeEnabled,
        Map<String, Object> push,
        Map<String, Object> totp,
        @JsonProperty("default_template_sid") String defaultTemplateSid,
        Map<String, Object> whatsapp,
        Map<String, Object> passkeys,
        @JsonProperty("verify_event_subscription_enabled") boolean verifyEventSubscriptionEnabled,
        @JsonProperty("code_validity") long codeValidity,
        @JsonProperty("allowed_countries") List<String> allowedCountries,
        @JsonProperty("date_created") String dateCreated,
        @JsonProperty("date_updated") String dateUpdated,
        String url,
        Map<String, String> links) {

    static ServiceView of(VerifyService s, String accountSid, PublicUrls urls) {
        String self = urls.of("/v2/Services/" + s.sid());
        Map<String, String> links = new LinkedHashMap<>();
        for (String link : List.of("verification_checks:VerificationCheck", "verifications:Verifications",
                "rate_limits:RateLimits", "messaging_configurations:MessagingConfigurations", "entities:Entities",
                "webhooks:Webhooks", "access_tokens:AccessTokens")) {
            String[] parts = link.split(":");
            links.put(parts[0], self + "/" + parts[1]);
        }
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("include_date", false);
        push.put("apn_credential_sid", null);
        push.put("fcm_credential_sid", null);
        Map<String, Object> totp = new LinkedHashMap<>();
        totp.put("issuer", s.friendlyName());
        totp.put("time_step", 30);
        totp.put("code_length", 6);
        totp.put("skew", 1);
        Map<String, Object> whatsapp = new LinkedHashMap<>();
        whatsapp.put("msg_service_sid", null);
        whatsapp.put("from", null);
        Map<String, Object> relyingParty = new LinkedHashMap<>();
        relyingParty.put("id", null);
        relyingParty.put("name", null);
        relyingParty.put("origins", List.of());
        Map<String, Object> passkeys = new LinkedHashMap<>();
        passkeys.put("relying_party", relyingParty);
        passkeys.put("authenticator_attachment", null);
        passkeys.put("discoverable_credentials", null);
        passkeys.put("user_verification", null);
        return new ServiceView(s.sid(), accountSid, s.friendlyName(), s.codeLength(), s.lookupEnabled(), s.psd2Enabled(),
                s.skipSmsToLandlines(), s.dtmfInputRequired(), s.ttsName(), s.doNotShareWarningEnabled(),
                s.customCodeEnabled(), push, totp, s.defaultTemplateSid(), whatsapp, passkeys,
                s.verifyEventSubscriptionEnabled(), s.codeValidity().toSeconds(),
                s.allowedCountries().stream().sorted().toList(), Iso.format(s.dateCreated()),
                Iso.format(s.dateUpdated()), self, links);
    }
}
