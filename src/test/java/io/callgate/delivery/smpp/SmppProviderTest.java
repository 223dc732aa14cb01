package io.callgate.delivery.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.callgate.delivery.Channel;
import io.callgate.delivery.DeliveryException;
import io.callgate.delivery.DeliveryListener;
import io.callgate.delivery.OutboundMessage;
import io.callgate.delivery.ProviderSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMPP provider against {@link SmscStub}, an SMSC that shares no code with jSMPP. */
class SmppProviderTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final String CODE = "482913";

    SmscStub smsc;
    final List<SmppProvider> providers = new ArrayList<>();
    final Receipts receipts = new Receipts();

    @BeforeEach
    void startSmsc() throws IOException {
        smsc = SmscStub.start(0);
    }

    @AfterEach
    void stop() throws IOException {
        providers.forEach(SmppProvider::close);
        smsc.close();
    }

    @Test
    void gsmTextArrivesAsUnpackedSeptetsWithDataCodingZero() throws Exception {
        SmppProvider provider = boundProvider(Map.of());

        String messageId = provider.send(sms("+15551234567", "Code " + CODE + " @ £ € {x}"));

        SmscStub.Submit submit = smsc.awaitSubmit(WAIT);
        assertThat(submit.dataCoding()).isZero();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("Code " + CODE + " ").getBytes(StandardCharsets.US_ASCII)); // same septets as ASCII
        expected.writeBytes(new byte[] {0x00, ' ', 0x01, ' ', 0x1B, 0x65, ' ', 0x1B, 0x28, 'x', 0x1B, 0x29});
        assertThat(submit.shortMessage()).containsExactly(expected.toByteArray());
        assertThat(submit.tlvs()).isEmpty();
        assertThat(messageId).isEqualTo(submit.messageId());
    }

    @Test
    void textOutsideTheGsmAlphabetArrivesAsUcs2() throws Exception {
        SmppProvider provider = boundProvider(Map.of());
        String text = "認証コード " + CODE + " 🔐";

        provider.send(sms("+819012345678", text));

        SmscStub.Submit submit = smsc.awaitSubmit(WAIT);
        assertThat(submit.dataCoding()).isEqualTo(0x08);
        assertThat(submit.shortMessage()).containsExactly(text.getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void addressesAndReceiptRequestFollowTheSettings() throws Exception {
        SmppProvider provider = boundProvider(Map.of("source-address", "Callgate"));

        provider.send(sms("+15551234567", "Your code is " + CODE));

        SmscStub.Submit submit = smsc.awaitSubmit(WAIT);
        assertThat(submit.destTon()).isEqualTo(1); // international
        assertThat(submit.destNpi()).isEqualTo(1); // ISDN (E.164)
        assertThat(submit.destination()).isEqualTo("15551234567");
        assertThat(submit.sourceTon()).isEqualTo(5); // alphanumeric
        assertThat(submit.sourceNpi()).isZero();
        assertThat(submit.source()).isEqualTo("Callgate");
        assertThat(submit.esmClass()).isZero();
        assertThat(submit.registeredDelivery()).isEqualTo(1);
    }

    @Test
    void aNumericSenderIsInternationalAndReceiptsCanBeTurnedOff() throws Exception {
        SmppProvider provider = boundProvider(Map.of("source-address", "4915123456789",
                "request-delivery-receipts", "false"));

        provider.send(sms("+15551234567", "Your code is " + CODE));

        SmscStub.Submit submit = smsc.awaitSubmit(WAIT);
        assertThat(submit.sourceTon()).isEqualTo(1);
        assertThat(submit.sourceNpi()).isEqualTo(1);
        assertThat(submit.registeredDelivery()).isZero();
        assertThat(smsc.awaitReceiptAck(Duration.ofMillis(300))).as("no receipt was asked for").isNull();
    }

    @Test
    void aTextLongerThanOneSegmentTravelsInMessagePayload() throws Exception {
        SmppProvider provider = boundProvider(Map.of());
        String gsm = "Your code is " + CODE + ". " + "x".repeat(160);
        String ucs2 = "認証コード " + CODE + " " + "あ".repeat(70);

        provider.send(sms("+15551234567", gsm));
        provider.send(sms("+15551234567", ucs2));

        SmscStub.Submit first = smsc.awaitSubmit(WAIT);
        assertThat(first.dataCoding()).isZero();
        assertThat(first.shortMessage()).isEmpty();
        assertThat(first.tlvs().get(0x0424)).containsExactly(gsm.getBytes(StandardCharsets.US_ASCII));
        SmscStub.Submit second = smsc.awaitSubmit(WAIT);
        assertThat(second.dataCoding()).isEqualTo(0x08);
        assertThat(second.shortMessage()).isEmpty();
        assertThat(second.tlvs().get(0x0424)).containsExactly(ucs2.getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void deliveryReceiptsReachTheListener() throws Exception {
        SmppProvider provider = boundProvider(Map.of());

        String delivered = provider.send(sms("+15551234567", "Your code is " + CODE));
        assertThat(receipts.next()).isEqualTo(new Receipt("smsc", delivered, "delivered", null));
        assertThat(smsc.awaitReceiptAck(WAIT)).isZero();

        smsc.receipts("UNDELIV", "034");
        String undelivered = provider.send(sms("+15551234567", "Your code is " + CODE));
        assertThat(receipts.next()).isEqualTo(new Receipt("smsc", undelivered, "undelivered", "034"));

        smsc.receipts("EXPIRED", "000");
        String expired = provider.send(sms("+15551234567", "Your code is " + CODE));
        assertThat(receipts.next()).isEqualTo(new Receipt("smsc", expired, "undelivered", null));
    }

    @Test
    void aReceiptThatOvertakesItsMessageIsOfferedAgain() throws Exception {
        receipts.unknownFor(2);
        SmppProvider provider = boundProvider(Map.of());

        String messageId = provider.send(sms("+15551234567", "Your code is " + CODE));

        for (int i = 0; i < 3; i++) {
            assertThat(receipts.next()).isEqualTo(new Receipt("smsc", messageId, "delivered", null));
        }
        assertThat(smsc.awaitReceiptAck(WAIT)).as("acknowledged at once, applied later").isZero();
    }

    @Test
    void aReceiptThatCannotBeRecordedIsRefusedSoTheSmscSendsItAgain() throws Exception {
        receipts.failing = true;
        SmppProvider provider = boundProvider(Map.of());

        provider.send(sms("+15551234567", "Your code is " + CODE));

        assertThat(smsc.awaitReceiptAck(WAIT)).isEqualTo(0x64); // ESME_RX_T_APPN
    }

    @Test
    void enquireLinkKeepsAQuietSessionAlive() throws Exception {
        boundProvider(Map.of("enquire-link-interval", "200ms"));

        Long first = smsc.awaitEnquireLink(WAIT);
        Long second = smsc.awaitEnquireLink(WAIT);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aDroppedSessionIsBoundAgainAndTheNextMessageGoesThrough() throws Exception {
        SmppProvider provider = boundProvider(Map.of());

        smsc.dropConnections();

        assertThat(smsc.awaitBind(WAIT)).as("bound again").isNotNull();
        await().atMost(WAIT).until(provider::bound);
        provider.send(sms("+15551234567", "Your code is " + CODE));
        assertThat(smsc.awaitSubmit(WAIT)).isNotNull();
    }

    @Test
    void anSmscThatIsDownFailsSendsRetryablyUntilItComesUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SmppProvider provider = provider(Map.of("port", Integer.toString(port)));

        DeliveryException down = catchThrowableOfType(DeliveryException.class,
                () -> provider.send(sms("+15551234567", "Your code is " + CODE)));
        assertThat(down.isRetryable()).isTrue();

        try (SmscStub late = SmscStub.start(port)) {
            assertThat(late.awaitBind(WAIT)).as("bound in the background").isNotNull();
            await().atMost(WAIT).until(provider::bound);
            provider.send(sms("+15551234567", "Your code is " + CODE));
            assertThat(late.awaitSubmit(WAIT)).isNotNull();
            provider.close();
        }
    }

    @Test
    void busySmscStatusesAreRetryable() throws Exception {
        SmppProvider provider = boundProvider(Map.of());

        for (int status : new int[] {0x58, 0x14}) { // ESME_RTHROTTLED, ESME_RMSGQFUL
            smsc.refuseNextSubmit(status);
            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> provider.send(sms("+15551234567", "Your code is " + CODE)));
            assertThat(e.isRetryable()).as("0x%02X", status).isTrue();
            assertThat(e.getMessage()).doesNotContain(CODE);
        }
    }

    @Test
    void anInvalidDestinationIsRefusedForGoodWithTheStatusAsErrorCode() throws Exception {
        SmppProvider provider = boundProvider(Map.of());
        smsc.refuseNextSubmit(0x0B); // ESME_RINVDSTADR

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> provider.send(sms("+15551234567", "Your code is " + CODE)));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.errorCode()).isEqualTo("0x0000000B");
        assertThat(e.getMessage()).contains("0x0000000B").doesNotContain(CODE);
    }

    @Test
    void noAnswerWithinTheSubmitTimeoutIsRetryable() throws Exception {
        SmppProvider provider = boundProvider(Map.of("submit-timeout", "300ms"));
        smsc.answerSubmits(false);

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> provider.send(sms("+15551234567", "Your code is " + CODE)));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain(CODE);
    }

    @Test
    void closingUnbindsAndDoesNotBindAgain() throws Exception {
        SmppProvider provider = boundProvider(Map.of("reconnect-backoff-min", "50ms"));

        provider.close();

        await().atMost(WAIT).until(() -> smsc.unbinds() == 1);
        assertThat(smsc.awaitBind(Duration.ofMillis(300))).isNull();
        assertThat(provider.bound()).isFalse();
    }

    @Test
    void settingsSmppWouldRefuseStopTheStart() {
        SmppProviderFactory factory = new SmppProviderFactory(receipts);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("smsc", new ProviderSettings("smsc", Map.of("system-id", "callgate"))))
                .withMessageContaining("host");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("smsc", new ProviderSettings("smsc",
                        Map.of("host", "127.0.0.1", "system-id", "callgate", "password", "much-too-long"))))
                .withMessageContaining("password");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("smsc", new ProviderSettings("smsc",
                        Map.of("host", "127.0.0.1", "system-id", "callgate", "source-npi", "2"))))
                .withMessageContaining("source-npi");
    }

    private SmppProvider boundProvider(Map<String, String> settings) throws InterruptedException {
        SmppProvider provider = provider(settings);
        SmscStub.Bind bind = smsc.awaitBind(WAIT);
        assertThat(bind).isEqualTo(new SmscStub.Bind("callgate", "secret", "", 0x34));
        await().atMost(WAIT).until(provider::bound);
        return provider;
    }

    private SmppProvider provider(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("host", "127.0.0.1", "port", Integer.toString(smsc.port()),
                "system-id", "callgate", "password", "secret", "reconnect-backoff-min", "50ms",
                "reconnect-backoff-max", "400ms"));
        settings.putAll(overrides);
        SmppProvider provider = (SmppProvider) new SmppProviderFactory(receipts)
                .create("smsc", new ProviderSettings("smsc", settings));
        providers.add(provider);
        return provider;
    }

    private static OutboundMessage sms(String to, String body) {
        return new OutboundMessage(Channel.SMS, to, null, body, CODE, "VL00000000000000000000000000000001", "en", null);
    }

    record Receipt(String providerId, String providerReference, String status, String errorCode) {
    }

    /** Records receipts; can claim not to know a message yet, or fail, as the database might. */
    static final class Receipts implements DeliveryListener {

        private final BlockingQueue<Receipt> received = new LinkedBlockingQueue<>();
        private final AtomicInteger unknown = new AtomicInteger();
        volatile boolean failing;

        void unknownFor(int times) {
            unknown.set(times);
        }

        Receipt next() throws InterruptedException {
            return received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean receipt(String providerId, String providerReference, String status, String errorCode) {
            if (failing) {
                throw new IllegalStateException("database unavailable");
            }
            received.add(new Receipt(providerId, providerReference, status, errorCode));
            return unknown.getAndDecrement() <= 0;
        }

        @Override
        public void accepted(String reference, String providerId, String providerReference) {
        }

        @Override
        public void retrying(String reference, String providerId, String error) {
        }

        @Override
        public void failed(String reference, String providerId, String errorCode, String error) {
        }
    }
}
