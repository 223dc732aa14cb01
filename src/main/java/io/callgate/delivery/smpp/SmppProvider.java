package io.callgate.delivery.smpp;

import io.callgate.delivery.Channel;
import io.callgate.delivery.DeliveryException;
import io.callgate.delivery.DeliveryListener;
import io.callgate.delivery.DeliveryProvider;
import io.callgate.delivery.OutboundMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sms over one SMPP transceiver session. The session is bound in the background, at start
 * and again whenever it closes, waiting {@code reconnect-backoff-min} doubled per failure in a row
 * up to {@code reconnect-backoff-max}; while it is not bound, {@link #send} fails retryably at
 * once so the message moves on to the next provider or a later try. Delivery receipts arrive on
 * the same session and go to the {@link DeliveryListener}.
 */
class SmppProvider implements DeliveryProvider, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppProvider.class);

    /** Statuses worth trying again: the SMSC is busy or in trouble, not refusing this message. */
    private static final Set<Integer> RETRYABLE = Set.of(
            SMPPConstant.STAT_ESME_RINVBNDSTS, SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RMSGQFUL,
            SMPPConstant.STAT_ESME_RTHROTTLED, SMPPConstant.STAT_ESME_RX_T_APPN);
    /** A receipt that overtook its message is offered again this often, after 250 ms, 500 ms, 1 s, … (about 30 s in all). */
    private static final int RECEIPT_TRIES = 7;
    private static final long UNBIND_WAIT_MILLIS = 2000;

    private final String id;
    private final SmppSettings settings;
    private final DeliveryListener listener;
    private final ScheduledExecutorService background;
    private final AtomicReference<SMPPSession> session = new AtomicReference<>();
    private final AtomicBoolean bindPending = new AtomicBoolean();
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile boolean closed;

    SmppProvider(String id, SmppSettings settings, DeliveryListener listener) {
        this.id = id;
        this.settings = settings;
        this.listener = listener;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("smpp-" + id).factory());
        executor.setRemoveOnCancelPolicy(true);
        this.background = executor;
    }

    /** Starts binding in the background; an SMSC that is down does not hold up the start. */
    SmppProvider start() {
        scheduleBind(Duration.ZERO);
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.SMS);
    }

    /** Whether the session is bound now. */
    boolean bound() {
        SMPPSession s = session.get();
        return s != null && s.getSessionState().isBound();
    }

    @Override
    public String send(OutboundMessage message) {
        SMPPSession s = session.get();
        if (s == null || !s.getSessionState().isTransmittable()) {
            scheduleBind(Duration.ZERO);
            throw DeliveryException.retryable(id + ": not bound to the SMSC", null);
        }
        ShortMessage text = ShortMessage.of(message.body());
        byte[] shortMessage = text.singleSegment() ? text.bytes() : new byte[0];
        OptionalParameter[] tlvs = text.singleSegment() ? new OptionalParameter[0]
                : new OptionalParameter[] {new OptionalParameter.Message_payload(text.bytes())};
        try {
            return s.submitShortMessage("", TypeOfNumber.valueOf(settings.effectiveSourceTon()),
                    NumberingPlanIndicator.valueOf(settings.effectiveSourceNpi()), settings.sourceAddress(),
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination(message.to()),
                    new ESMClass(), (byte) 0, (byte) 0, null, null,
                    new RegisteredDelivery(settings.requestDeliveryReceipts() ? 1 : 0), (byte) 0,
                    DataCodings.newInstance(text.dataCoding()), (byte) 0, shortMessage, tlvs)
                    .getMessageId();
        } catch (NegativeResponseException e) {
            throw refusal(e.getCommandStatus());
        } catch (ResponseTimeoutException e) {
            throw DeliveryException.retryable(id + ": no submit_sm_resp within " + settings.submitTimeout().toMillis() + " ms", null);
        } catch (PDUException e) {
            throw DeliveryException.permanent(id + ": the SMSC cannot take these addresses (" + e.getClass().getSimpleName() + ")", null);
        } catch (InvalidResponseException | IOException e) {
            throw DeliveryException.retryable(id + ": submit_sm failed: " + e.getMessage(), null);
        }
    }

    /** E.164 without its '+', as TON international and NPI ISDN want it. */
    private static String destination(String to) {
        return to.startsWith("+") ? to.substring(1) : to;
    }

    private DeliveryException refusal(int commandStatus) {
        String status = String.format("0x%08X", commandStatus);
        if (commandStatus == SMPPConstant.STAT_ESME_RINVBNDSTS) {
            SMPPSession s = session.get();
            if (s != null) {
                s.close();
            }
        }
        if (RETRYABLE.contains(commandStatus)) {
            return DeliveryException.retryable(id + ": the SMSC answered command_status " + status + " (try again later)", null);
        }
        return DeliveryException.permanent(id + ": the SMSC refused the message with command_status " + status, status);
    }

    private void scheduleBind(Duration delay) {
        if (closed || !bindPending.compareAndSet(false, true)) {
            return;
        }
        try {
            background.schedule(this::bindOrRetry, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            bindPending.set(false);
        }
    }

    private void bindOrRetry() {
        bind();
        bindPending.set(false);
        // Also when the new session closed at once: its CLOSED event could not schedule, this was pending.
        if (!closed && !bound()) {
            scheduleBind(nextBackoff());
        }
    }

    private void bind() {
        if (closed || bound()) {
            return;
        }
        SMPPSession s = new SMPPSession(this::connect);
        s.setEnquireLinkTimer(Math.toIntExact(settings.enquireLinkInterval().toMillis()));
        s.setTransactionTimer(settings.submitTimeout().toMillis());
        s.setMessageReceiverListener(new Receiver());
        s.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                closedSession(s);
            }
        });
        try {
            s.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX, settings.systemId(),
                    settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                    settings.bindTimeout().toMillis());
        } catch (IOException e) {
            log.warn("SMPP provider {} could not bind to {}:{}: {}", id, settings.host(), settings.port(), e.getMessage());
            return;
        }
        session.set(s);
        if (closed || !s.getSessionState().isBound()) {
            // Closed in the meantime: its CLOSED event found no session to clear, so clear it here.
            session.compareAndSet(s, null);
            s.unbindAndClose();
            return;
        }
        failuresInARow.set(0);
        log.info("SMPP provider {} bound to {}:{} as {}", id, settings.host(), settings.port(), settings.systemId());
    }

    /** A socket whose connect gives up after the bind timeout, not the system's minutes. */
    private Connection connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(settings.bindTimeout().toMillis()));
            return new SocketConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void closedSession(SMPPSession s) {
        if (session.compareAndSet(s, null) && !closed) {
            log.warn("SMPP provider {} lost its session to {}:{}; binding again", id, settings.host(), settings.port());
            scheduleBind(nextBackoff());
        }
    }

    /** The wait before the next bind: min × 2^(failures in a row), at most max, ±20 %. */
    private Duration nextBackoff() {
        int failures = failuresInARow.getAndIncrement();
        long min = settings.reconnectBackoffMin().toMillis();
        long base = Math.min(settings.reconnectBackoffMax().toMillis(), min << Math.min(failures, 20));
        return Duration.ofMillis((long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    /** Offers a receipt that matched no message again later: try {@code tries} waits 125 ms × 2^tries. */
    private void offerAgain(SmscReceipt receipt, String status, int tries) {
        if (tries > RECEIPT_TRIES) {
            log.info("SMPP provider {} dropped a receipt for {}: no message of this provider has that id", id,
                    receipt.messageId());
            return;
        }
        try {
            background.schedule(() -> offer(receipt, status, tries), 125L << tries, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("SMPP provider {} is closing; receipt of {} dropped", id, receipt.messageId());
        }
    }

    private void offer(SmscReceipt receipt, String status, int tries) {
        if (closed) {
            return;
        }
        try {
            if (listener.receipt(id, receipt.messageId(), status, receipt.error())) {
                return;
            }
        } catch (RuntimeException e) {
            log.warn("SMPP provider {} could not record the receipt of {} (try {})", id, receipt.messageId(), tries, e);
        }
        offerAgain(receipt, status, tries + 1);
    }

    /** Unbinds and closes the session; nothing binds again. */
    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        SMPPSession s = session.getAndSet(null);
        if (s != null) {
            // jSMPP keeps waiting for unbind_resp when the link breaks meanwhile: keep shutdown short.
            s.setTransactionTimer(Math.min(settings.submitTimeout().toMillis(), UNBIND_WAIT_MILLIS));
            s.unbindAndClose();
        }
    }

    /** Takes delivery receipts; the SMSC's other requests are acknowledged and ignored. */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                log.debug("SMPP provider {} ignored a deliver_sm that is not a delivery receipt", id);
                return;
            }
            SmscReceipt receipt = SmscReceipt.of(deliverSm);
            if (receipt == null) {
                log.warn("SMPP provider {} got a delivery receipt without a message id", id);
                return;
            }
            String status = receipt.status();
            if (status == null) {
                log.debug("SMPP provider {}: message {} is {}", id, receipt.messageId(), receipt.state());
                return;
            }
            boolean matched;
            try {
                matched = listener.receipt(id, receipt.messageId(), status, receipt.error());
            } catch (RuntimeException e) {
                log.warn("SMPP provider {} could not record the receipt of {}; the SMSC will send it again", id,
                        receipt.messageId(), e);
                throw new ProcessRequestException("receipt not recorded", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
            if (!matched) {
                log.debug("SMPP provider {}: the receipt of {} came before its message was recorded; offering it again",
                        id, receipt.messageId());
                offerAgain(receipt, status, 1);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // Only sent to receivers that asked for them (set_dpf); nothing to do.
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
