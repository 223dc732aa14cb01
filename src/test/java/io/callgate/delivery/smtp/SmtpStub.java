package io.callgate.delivery.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Small in-test SMTP peers for what GreenMail does not do: a server that answers RCPT with a
 * chosen reply (550, 451), one that never greets (a hung server), and a STARTTLS front that
 * upgrades the connection and then hands the session to GreenMail (GreenMail 2.1 speaks SMTPS
 * but not STARTTLS).
 */
final class SmtpStub implements AutoCloseable {

    private enum Kind { SCRIPTED, SILENT, STARTTLS_FRONT }

    private final ServerSocket server;
    private final Kind kind;
    private final SSLContext tls;
    private final int backendPort;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile String rcptReply = "250 2.1.5 OK";
    /** Commands the scripted server received, in order. */
    final List<String> commands = new CopyOnWriteArrayList<>();

    private SmtpStub(Kind kind, SSLContext tls, int backendPort) throws IOException {
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        this.kind = kind;
        this.tls = tls;
        this.backendPort = backendPort;
        Thread.ofVirtual().start(this::accept);
    }

    /** Answers every RCPT with {@link #rcptReply(String)} (accepting by default) and swallows DATA. */
    static SmtpStub scripted() throws IOException {
        return new SmtpStub(Kind.SCRIPTED, null, 0);
    }

    /** Accepts connections and says nothing. */
    static SmtpStub silent() throws IOException {
        return new SmtpStub(Kind.SILENT, null, 0);
    }

    /** Offers STARTTLS with the test certificate, then relays the session to a plain SMTP server. */
    static SmtpStub startTlsFront(SSLContext tls, int backendPort) throws IOException {
        return new SmtpStub(Kind.STARTTLS_FRONT, tls, backendPort);
    }

    int port() {
        return server.getLocalPort();
    }

    void rcptReply(String reply) {
        this.rcptReply = reply;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            switch (kind) {
                case SILENT -> socket.getInputStream().read();
                case SCRIPTED -> scripted(socket.getInputStream(), socket.getOutputStream());
                case STARTTLS_FRONT -> front(socket);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void scripted(InputStream in, OutputStream out) throws IOException {
        write(out, "220 stub.test ESMTP");
        String line;
        while ((line = readLine(in)) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            commands.add(verb);
            switch (verb) {
                case "EHLO", "HELO" -> write(out, "250 stub.test");
                case "MAIL", "RSET", "NOOP" -> write(out, "250 2.0.0 OK");
                case "RCPT" -> write(out, rcptReply);
                case "DATA" -> {
                    write(out, "354 go ahead");
                    String data;
                    while ((data = readLine(in)) != null && !data.equals(".")) {
                        // swallowed
                    }
                    write(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    write(out, "221 2.0.0 bye");
                    return;
                }
                default -> write(out, "502 5.5.2 not implemented");
            }
        }
    }

    private void front(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        write(out, "220 front.test ESMTP");
        String line;
        while ((line = readLine(in)) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> write(out, "250-front.test\r\n250 STARTTLS");
                case "STARTTLS" -> {
                    write(out, "220 2.0.0 ready to start TLS");
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    relay(secure);
                    return;
                }
                case "QUIT" -> {
                    write(out, "221 2.0.0 bye");
                    return;
                }
                default -> write(out, "530 5.7.0 must issue a STARTTLS command first");
            }
        }
    }

    /** After the handshake: the client's new EHLO and everything after it go to the backend. */
    private void relay(SSLSocket client) throws IOException {
        try (Socket backend = new Socket(java.net.InetAddress.getLoopbackAddress(), backendPort)) {
            InputStream fromBackend = backend.getInputStream();
            readReply(fromBackend); // the backend's greeting: the client already had one
            Thread up = Thread.ofVirtual().start(() -> pipe(safe(client::getInputStream), safe(backend::getOutputStream)));
            pipe(fromBackend, client.getOutputStream());
            try {
                up.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface Io<T> {
        T get() throws IOException;
    }

    private static <T> T safe(Io<T> io) {
        try {
            return io.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void readReply(InputStream in) throws IOException {
        String line;
        while ((line = readLine(in)) != null && line.length() > 3 && line.charAt(3) == '-') {
            // multi-line reply
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (SocketException e) {
                // already closed
            }
        }
    }
}
