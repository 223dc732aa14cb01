package io.callgate.verify;

import java.time.Duration;
import java.time.Instant;

/** A tenant's verification settings (a Twilio Verify Service, {@code VA…}). */
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
        Instant dateCreated,
        Instant dateUpdated) {

    public static final int DEFAULT_CODE_LENGTH = 6;
}
