package io.callgate.delivery.smtp;

import io.callgate.delivery.Channel;
import io.callgate.delivery.DeliveryException;
import io.callgate.delivery.DeliveryProvider;
import io.callgate.delivery.OutboundMessage;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends email codes through one mail server: a new SMTP connection per message (codes are few
 * and a pooled connection would only go stale), the message as multipart/alternative with the
 * plain text first and the HTML last, as mail readers prefer the last part they can show.
 *
 * <p>Refusals: a 5xx reply to the recipient or to the message is permanent, with the reply
 * code as error code; 4xx replies, connection trouble, timeouts, TLS failures, a refused login
 * and a refused sender are retryable, since another provider or a later try may succeed.
 */
class SmtpProvider implements DeliveryProvider {

    private final String id;
    private final SmtpSettings settings;
    private final Session session;
    private final int port;
    private final InternetAddress from;
    private final InternetAddress replyTo;

    SmtpProvider(String id, SmtpSettings settings) {
        this.id = id;
        this.settings = settings;
        this.port = settings.effectivePort(id);
        this.session = Session.getInstance(properties(id, settings));
        // The session debug log would print each message, code included.
        this.session.setDebug(false);
        try {
            this.from = settings.fromName().isEmpty() ? new InternetAddress(settings.from(), true)
                    : new InternetAddress(settings.from(), settings.fromName(), "UTF-8");
            this.replyTo = settings.replyTo().isEmpty() ? null : new InternetAddress(settings.replyTo(), true);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("provider " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.EMAIL);
    }

    @Override
    public String send(OutboundMessage message) {
        MimeMessage mime;
        try {
            mime = compose(message);
        } catch (MessagingException e) {
            throw DeliveryException.permanent(id + ": the message could not be composed: " + e.getMessage(), null);
        }
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.host(), port, settings.username().isEmpty() ? null : settings.username(),
                    settings.username().isEmpty() ? null : settings.password());
            transport.sendMessage(mime, mime.getAllRecipients());
            return mime.getMessageID();
        } catch (MessagingException e) {
            throw refusal(e, message.to());
        }
    }

    private MimeMessage compose(OutboundMessage message) throws MessagingException {
        MimeMessage mime = new IdentifiedMessage(session, domainOf(settings.from()));
        mime.setFrom(from);
        if (replyTo != null) {
            mime.setReplyTo(new InternetAddress[] {replyTo});
        }
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        // One line, whatever the template says: a line break in a header could start another header.
        mime.setSubject(message.subject().replaceAll("[\\r\\n]+", " "), "UTF-8");
        mime.setSentDate(new Date());
        mime.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies to a code
        if (message.locale() != null) {
            mime.setHeader("Content-Language", message.locale());
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.body(), "UTF-8", "plain");
        if (message.htmlBody() == null) {
            mime.setContent(new MimeMultipart("alternative", text));
        } else {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.htmlBody(), "UTF-8", "html");
            mime.setContent(new MimeMultipart("alternative", text, html));
        }
        mime.saveChanges();
        return mime;
    }

    private DeliveryException refusal(MessagingException e, String to) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException refused) {
                return reply(refused.getReturnCode(), "the server refused the recipient", refused.getMessage(), to);
            }
        }
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPSenderFailedException refused) {
                return DeliveryException.retryable(id + ": the server refused the sender " + settings.from() + " ("
                        + refused.getReturnCode() + ")", null);
            }
            if (t instanceof SMTPSendFailedException refused) {
                return reply(refused.getReturnCode(), "the server refused the message", refused.getMessage(), to);
            }
        }
        if (e instanceof AuthenticationFailedException) {
            return DeliveryException.retryable(id + ": the server refused the login of '" + settings.username() + "'", null);
        }
        return DeliveryException.retryable(id + ": " + settings.host() + ":" + port + ": " + describe(e), null);
    }

    /** 4xx: try again; 5xx: refused for good, with the reply code as error code. */
    private DeliveryException reply(int code, String what, String serverText, String to) {
        String text = id + ": " + what + ": " + (serverText == null ? String.valueOf(code) : serverText.strip().replace(to, "<recipient>"));
        if (code >= 500 && code < 600) {
            return DeliveryException.permanent(text, String.valueOf(code));
        }
        return DeliveryException.retryable(text, null);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (next(root) != null) {
            root = next(root);
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getClass().getSimpleName() + ": "
                + root.getMessage() + ")";
    }

    private static Properties properties(String id, SmtpSettings settings) {
        Properties p = new Properties();
        String timeout = String.valueOf(settings.timeout().toMillis());
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        p.put("mail.smtp.from", settings.from());
        p.put("mail.smtp.auth", String.valueOf(!settings.username().isEmpty()));
        p.put("mail.debug", "false");
        switch (settings.securityMode(id)) {
            case NONE -> { }
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                // Never fall back to plain text when the server does not offer STARTTLS.
                p.put("mail.smtp.starttls.required", "true");
            }
            case SMTPS -> p.put("mail.smtp.ssl.enable", "true");
        }
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        if (!settings.trustStore().isEmpty()) {
            p.put("mail.smtp.ssl.socketFactory", trusting(id, settings).getSocketFactory());
        }
        return p;
    }

    /** TLS that trusts the configured store's certificates instead of the JDK's CAs. */
    private static SSLContext trusting(String id, SmtpSettings settings) {
        try (InputStream in = Files.newInputStream(Path.of(settings.trustStore()))) {
            KeyStore store = KeyStore.getInstance(settings.trustStoreType());
            store.load(in, settings.trustStorePassword().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("provider " + id + ": trust-store " + settings.trustStore()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).strip();
    }

    /** A Message-ID under the sender's domain, not this host's name. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String domain;

        IdentifiedMessage(Session session, String domain) {
            super(session);
            this.domain = domain;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }

    @Override
    public String toString() {
        return "SmtpProvider[" + id + " " + settings + "]";
    }
}
