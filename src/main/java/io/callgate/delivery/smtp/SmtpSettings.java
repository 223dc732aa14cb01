package io.callgate.delivery.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import static io.callgate.delivery.ProviderSettings.require;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One SMTP provider's settings ({@code callgate.delivery.providers.<id>.*}, kebab-case).
 *
 * @param host the mail server (relay or submission service)
 * @param port its port; unset: 25 for {@code none}, 587 for {@code starttls}, 465 for {@code smtps}
 * @param security {@code starttls} (upgrade a plain connection, refusing servers that cannot),
 *                 {@code smtps} (TLS from the first byte) or {@code none} (local relays only)
 * @param username the login, when the server asks for one; empty sends without AUTH
 * @param password its password
 * @param from the sender address, e.g. {@code verify@example.com}
 * @param fromName the sender's display name, e.g. {@code Acme}; empty for the bare address
 * @param replyTo where replies go, when not to {@code from}
 * @param timeout how long connecting, each reply and each write may take
 * @param trustStore a trust store (PKCS12 or JKS file) for a server whose certificate a private CA
 *                   signed; empty trusts the JDK's CAs. Host names are checked either way.
 * @param trustStorePassword its password
 * @param trustStoreType {@code PKCS12} or {@code JKS}
 */
public record SmtpSettings(
        String host,
        Integer port,
        @DefaultValue("starttls") String security,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        String from,
        @DefaultValue("") String fromName,
        @DefaultValue("") String replyTo,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("") String trustStore,
        @DefaultValue("") String trustStorePassword,
        @DefaultValue("PKCS12") String trustStoreType) {

    /** How the connection is protected. */
    enum Security { NONE, STARTTLS, SMTPS }

    /** Checks what would otherwise fail at every send, so a typo stops the start instead. */
    SmtpSettings validated(String id) {
        require(id, host != null && !host.isBlank(), "host is required");
        require(id, port == null || port > 0 && port < 65536, "port must be between 1 and 65535");
        require(id, from != null && !from.isBlank(), "from is required");
        require(id, isAddress(from), "from is not an email address: " + from);
        require(id, replyTo.isEmpty() || isAddress(replyTo), "reply-to is not an email address: " + replyTo);
        require(id, timeout.isPositive(), "timeout must be positive");
        securityMode(id);
        return this;
    }

    Security securityMode(String id) {
        try {
            return Security.valueOf(security.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("provider " + id + ": security must be none, starttls or smtps, not '"
                    + security + "'");
        }
    }

    int effectivePort(String id) {
        if (port != null) {
            return port;
        }
        return switch (securityMode(id)) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case SMTPS -> 465;
        };
    }

    private static boolean isAddress(String address) {
        try {
            new InternetAddress(address, true).validate();
            return address.contains("@");
        } catch (AddressException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + (username.isEmpty() ? "" : username + "@") + host + ":" + port + " " + security + "]";
    }
}
