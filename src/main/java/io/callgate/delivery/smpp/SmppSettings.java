package io.callgate.delivery.smpp;

import static io.callgate.delivery.ProviderSettings.require;

import java.time.Duration;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One SMPP provider's settings ({@code callgate.delivery.providers.<id>.*}, kebab-case).
 *
 * @param host the SMSC's host name or address
 * @param port its SMPP port
 * @param systemId the account (system_id) to bind as, at most 15 characters
 * @param password its password, at most 8 characters
 * @param systemType system_type, when the SMSC asks for one
 * @param sourceAddress the sender: a number in international form without '+', a short code or an
 *                      alphanumeric name (at most 11 characters for a name); empty lets the SMSC choose
 * @param sourceTon TON of the sender; unset: international (1) for digits, alphanumeric (5) otherwise
 *                  (a short code usually wants 3, network specific, with NPI 0)
 * @param sourceNpi NPI of the sender; unset: ISDN (1) for digits, unknown (0) otherwise
 * @param bindTimeout how long connecting and binding may take
 * @param enquireLinkInterval idle time after which an enquire_link checks the link
 * @param reconnectBackoffMin the first wait before binding again after a failure or a drop
 * @param reconnectBackoffMax the longest wait; each failure in a row doubles it up to this
 * @param submitTimeout how long to wait for submit_sm_resp (and other responses)
 * @param requestDeliveryReceipts ask the SMSC for a receipt of each message (registered_delivery 1)
 */
public record SmppSettings(
        String host,
        @DefaultValue("2775") int port,
        String systemId,
        @DefaultValue("") String password,
        @DefaultValue("") String systemType,
        @DefaultValue("") String sourceAddress,
        Integer sourceTon,
        Integer sourceNpi,
        @DefaultValue("10s") Duration bindTimeout,
        @DefaultValue("30s") Duration enquireLinkInterval,
        @DefaultValue("1s") Duration reconnectBackoffMin,
        @DefaultValue("60s") Duration reconnectBackoffMax,
        @DefaultValue("10s") Duration submitTimeout,
        @DefaultValue("true") boolean requestDeliveryReceipts) {

    /** Checks what the SMSC would otherwise refuse at every bind, so a typo stops the start instead. */
    SmppSettings validated(String id) {
        require(id, host != null && !host.isBlank(), "host is required");
        require(id, port > 0 && port < 65536, "port must be between 1 and 65535");
        require(id, systemId != null && !systemId.isBlank(), "system-id is required");
        require(id, systemId.length() <= 15, "system-id is longer than SMPP's 15 characters");
        require(id, password.length() <= 8, "password is longer than SMPP's 8 characters");
        require(id, systemType.length() <= 12, "system-type is longer than SMPP's 12 characters");
        require(id, sourceAddress.length() <= 20, "source-address is longer than SMPP's 20 characters");
        require(id, sourceTon == null || known(() -> TypeOfNumber.valueOf(sourceTon.byteValue())),
                "source-ton is not an SMPP type of number (0 to 6)");
        require(id, sourceNpi == null || known(() -> NumberingPlanIndicator.valueOf(sourceNpi.byteValue())),
                "source-npi is not an SMPP numbering plan (0, 1, 3, 4, 6, 8, 9, 10, 14 or 18)");
        for (Duration d : new Duration[] {bindTimeout, enquireLinkInterval, reconnectBackoffMin, submitTimeout}) {
            require(id, d.isPositive(), "timeouts and intervals must be positive");
        }
        require(id, reconnectBackoffMax.compareTo(reconnectBackoffMin) >= 0,
                "reconnect-backoff-max must not be shorter than reconnect-backoff-min");
        return this;
    }

    /** TON of the sender, as configured or guessed from its form. */
    byte effectiveSourceTon() {
        if (sourceTon != null) {
            return sourceTon.byteValue();
        }
        return (byte) (sourceAddress.isEmpty() ? 0 : numericSource() ? 1 : 5);
    }

    byte effectiveSourceNpi() {
        if (sourceNpi != null) {
            return sourceNpi.byteValue();
        }
        return (byte) (!sourceAddress.isEmpty() && numericSource() ? 1 : 0);
    }

    private boolean numericSource() {
        return sourceAddress.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean known(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SmppSettings[" + systemId + "@" + host + ":" + port + "]";
    }
}
