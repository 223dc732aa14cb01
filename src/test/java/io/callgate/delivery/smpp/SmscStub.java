package io.callgate.delivery.smpp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMSC for tests, written from the SMPP 3.4 specification over a plain socket, so that it
 * shares no code with the jSMPP client under test. It answers bind_transceiver, enquire_link,
 * submit_sm and unbind, records what it was sent, and follows each accepted submit_sm that asks
 * for one with a delivery receipt (deliver_sm, esm_class 0x04).
 */
final class SmscStub implements AutoCloseable {

    static final int BIND_TRANSCEIVER = 0x09;
    static final int SUBMIT_SM = 0x04;
    static final int DELIVER_SM = 0x05;
    static final int UNBIND = 0x06;
    static final int ENQUIRE_LINK = 0x15;
    static final int GENERIC_NACK = 0x80000000;
    static final int RESPONSE = 0x80000000;

    record Bind(String systemId, String password, String systemType, int interfaceVersion) {
    }

    /** A submit_sm as it arrived, with the message id it was given (null when refused). */
    record Submit(int sourceTon, int sourceNpi, String source, int destTon, int destNpi, String destination,
                  int esmClass, int registeredDelivery, int dataCoding, byte[] shortMessage, Map<Integer, byte[]> tlvs,
                  String messageId) {
    }

    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Bind> binds = new LinkedBlockingQueue<>();
    private final BlockingQueue<Submit> submits = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> enquireLinks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> receiptAcks = new LinkedBlockingQueue<>();
    private final AtomicInteger unbinds = new AtomicInteger();
    private final ConcurrentLinkedQueue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messageIds = new AtomicInteger(0x1000);
    private final AtomicInteger sequence = new AtomicInteger(1);
    private volatile String receiptState = "DELIVRD";
    private volatile String receiptError = "000";
    private volatile boolean answerSubmits = true;

    private SmscStub(ServerSocket server) {
        this.server = server;
        Thread.ofPlatform().daemon().name("smsc-stub-accept").start(this::accept);
    }

    /** Listens on 127.0.0.1 at {@code port} (0 for any free one). */
    static SmscStub start(int port) throws IOException {
        return new SmscStub(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next submit_sm is answered with this command_status instead of 0 (and gets no receipt). */
    void refuseNextSubmit(int commandStatus) {
        nextStatuses.add(commandStatus);
    }

    /** Receipts from now on report this stat and err. */
    void receipts(String state, String error) {
        receiptState = state;
        receiptError = error;
    }

    /** Whether submit_sm gets an answer at all; without one the client times out. */
    void answerSubmits(boolean answer) {
        answerSubmits = answer;
    }

    Bind awaitBind(Duration timeout) throws InterruptedException {
        return binds.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Submit awaitSubmit(Duration timeout) throws InterruptedException {
        return submits.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The arrival time (System.nanoTime) of the next enquire_link, or null. */
    Long awaitEnquireLink(Duration timeout) throws InterruptedException {
        return enquireLinks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The command_status of the client's next deliver_sm_resp, or null. */
    Integer awaitReceiptAck(Duration timeout) throws InterruptedException {
        return receiptAcks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int unbinds() {
        return unbinds.get();
    }

    /** Forgets what was recorded and goes back to accepting and delivering everything. */
    void reset() {
        binds.clear();
        submits.clear();
        enquireLinks.clear();
        receiptAcks.clear();
        nextStatuses.clear();
        receipts("DELIVRD", "000");
        answerSubmits(true);
    }

    /** Cuts every connection without an unbind, as a crashed SMSC or a broken network would. */
    void dropConnections() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread.ofPlatform().daemon().name("smsc-stub-client").start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                int length = in.readInt();
                int commandId = in.readInt();
                int status = in.readInt();
                int seq = in.readInt();
                byte[] bytes = new byte[length - 16];
                in.readFully(bytes);
                Body body = new Body(ByteBuffer.wrap(bytes));
                switch (commandId) {
                    case BIND_TRANSCEIVER -> {
                        binds.add(new Bind(body.cString(), body.cString(), body.cString(), body.octet()));
                        write(out, BIND_TRANSCEIVER | RESPONSE, 0, seq, cString("stub"));
                    }
                    case ENQUIRE_LINK -> {
                        enquireLinks.add(System.nanoTime());
                        write(out, ENQUIRE_LINK | RESPONSE, 0, seq, new byte[0]);
                    }
                    case SUBMIT_SM -> submit(out, seq, body);
                    case DELIVER_SM | RESPONSE -> receiptAcks.add(status);
                    case UNBIND -> { // the client closes the connection once it has the answer
                        unbinds.incrementAndGet();
                        write(out, UNBIND | RESPONSE, 0, seq, new byte[0]);
                    }
                    default -> write(out, GENERIC_NACK, 0x03, seq, new byte[0]);
                }
            }
        } catch (IOException e) {
            // The client went away or the test dropped it.
        } finally {
            clients.remove(client);
        }
    }

    private void submit(OutputStream out, int seq, Body body) throws IOException {
        body.cString(); // service_type
        int sourceTon = body.octet();
        int sourceNpi = body.octet();
        String source = body.cString();
        int destTon = body.octet();
        int destNpi = body.octet();
        String destination = body.cString();
        int esmClass = body.octet();
        body.octet(); // protocol_id
        body.octet(); // priority_flag
        body.cString(); // schedule_delivery_time
        body.cString(); // validity_period
        int registeredDelivery = body.octet();
        body.octet(); // replace_if_present_flag
        int dataCoding = body.octet();
        body.octet(); // sm_default_msg_id
        byte[] shortMessage = body.octets(body.octet());
        Map<Integer, byte[]> tlvs = new LinkedHashMap<>();
        while (body.buffer.remaining() >= 4) {
            int tag = Short.toUnsignedInt(body.buffer.getShort());
            tlvs.put(tag, body.octets(Short.toUnsignedInt(body.buffer.getShort())));
        }
        Integer refusal = nextStatuses.poll();
        String messageId = refusal == null ? Integer.toHexString(messageIds.incrementAndGet()) : null;
        submits.add(new Submit(sourceTon, sourceNpi, source, destTon, destNpi, destination, esmClass, registeredDelivery,
                dataCoding, shortMessage, tlvs, messageId));
        if (!answerSubmits) {
            return;
        }
        if (refusal != null) {
            write(out, SUBMIT_SM | RESPONSE, refusal, seq, new byte[0]);
            return;
        }
        write(out, SUBMIT_SM | RESPONSE, 0, seq, cString(messageId));
        if ((registeredDelivery & 0x03) != 0) {
            String text = "id:" + messageId + " sub:001 dlvrd:" + ("DELIVRD".equals(receiptState) ? "001" : "000")
                    + " submit date:2611210900 done date:2611210901 stat:" + receiptState + " err:" + receiptError
                    + " text:Your code stat:DELIVRD";
            write(out, DELIVER_SM, 0, sequence.getAndIncrement(), deliverSm(destination, source, text));
        }
    }

    private static byte[] deliverSm(String from, String to, String receipt) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(cString("")); // service_type
        body.write(1); // source_addr_ton: the handset, international
        body.write(1);
        body.writeBytes(cString(from));
        body.write(0);
        body.write(0);
        body.writeBytes(cString(to));
        body.write(0x04); // esm_class: SMSC delivery receipt
        body.write(0); // protocol_id
        body.write(0); // priority_flag
        body.writeBytes(cString("")); // schedule_delivery_time
        body.writeBytes(cString("")); // validity_period
        body.write(0); // registered_delivery
        body.write(0); // replace_if_present_flag
        body.write(0); // data_coding
        body.write(0); // sm_default_msg_id
        byte[] text = receipt.getBytes(StandardCharsets.US_ASCII);
        body.write(text.length);
        body.writeBytes(text);
        return body.toByteArray();
    }

    private static synchronized void write(OutputStream out, int commandId, int status, int seq, byte[] body)
            throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(16 + body.length);
        data.writeInt(commandId);
        data.writeInt(status);
        data.writeInt(seq);
        data.write(body);
        data.flush();
    }

    private static byte[] cString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        byte[] withNull = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNull, 0, bytes.length);
        return withNull;
    }

    /** Reads a PDU body field by field. */
    private record Body(ByteBuffer buffer) {

        int octet() {
            return Byte.toUnsignedInt(buffer.get());
        }

        byte[] octets(int count) {
            byte[] bytes = new byte[count];
            buffer.get(bytes);
            return bytes;
        }

        String cString() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (byte b = buffer.get(); b != 0; b = buffer.get()) {
                bytes.write(b);
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }
}
