package io.callgate.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A tenant's verification settings (a Twilio Verify Service, {@code VA…}).
 *
 * @param allowedCountries countries sms and call may reach for this service, within the server's list; empty for all of those
 */
public record VerifyService(
        String sid,
        String friendlyName,
        int codeLength,
        boolean lookupEnabled,
        boolean skipSmsToLandlines,
        boolean dtmfInputRequired,
        String ttsName,
        boolean psd2Enabled,
        boolean doNotShareWarningEnabled,
        boolean customCodeEnabled,
        boolean verifyEventSubscriptionEnabled,
        String defaultTemplateSid,
        Duration codeValidity,
        Set<String> allowedCountries,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final int DEFAULT_CODE_LENGTH = 6;
}
