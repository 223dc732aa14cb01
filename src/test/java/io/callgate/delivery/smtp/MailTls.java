package io.callgate.delivery.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test certificate for 127.0.0.1 and localhost, made once per test run with the JDK's keytool:
 * GreenMail serves SMTPS with it (its own bundled certificate names no host, so a client that
 * checks host names, as callgate does, would rightly refuse it), and the trust store holds it for
 * the provider's {@code trust-store} setting.
 */
final class MailTls {

    static final String PASSWORD = "changeit";

    private static MailTls instance;

    final Path keyStore;
    final Path trustStore;

    private MailTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Creates the stores and points GreenMail at them; call before the first GreenMail starts. */
    static synchronized MailTls get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("callgate-mail-tls");
                Path keys = dir.resolve("server.p12");
                keytool("-genkeypair", "-alias", "greenmail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", keys.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
                KeyStore server = load(keys);
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("smtp-test", server.getCertificate("greenmail"));
                Path trusted = dir.resolve("trust.p12");
                try (OutputStream out = Files.newOutputStream(trusted)) {
                    trust.store(out, PASSWORD.toCharArray());
                }
                System.setProperty("greenmail.tls.keystore.file", keys.toString());
                System.setProperty("greenmail.tls.keystore.password", PASSWORD);
                System.setProperty("greenmail.tls.key.password", PASSWORD);
                instance = new MailTls(keys, trusted);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The server side of TLS with the test certificate, for in-test servers. */
    SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path path) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
