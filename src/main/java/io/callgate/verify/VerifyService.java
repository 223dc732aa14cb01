package io.callgate.verify;

import io.callgate.system.Sids;
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
    private static final int MAX_FRIENDLY_NAME = 64;

    /**
     * A service a feature creates for itself (a conference line, a video room), with the defaults, named after
     * what it guards so its messages say what the code is for.
     */
    public static VerifyService named(String friendlyName, Duration codeValidity, boolean dtmfInputRequired, Instant now) {
        String name = friendlyName.length() > MAX_FRIENDLY_NAME ? friendlyName.substring(0, MAX_FRIENDLY_NAME) : friendlyName;
        return new VerifyService(Sids.next("VA"), name, DEFAULT_CODE_LENGTH, false, false,
                dtmfInputRequired, null, false, false, false, false, null, codeValidity, Set.of(), now, now);
    }
}
