package io.callgate.delivery.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

/** Receipt texts as SMSCs really send them, and the TLVs that win over the text. */
class SmscReceiptTest {

    @Test
    void readsTheAppendixBText() {
        SmscReceipt r = receipt("id:0A1B2C sub:001 dlvrd:001 submit date:2611210900 done date:2611210901 stat:DELIVRD err:000"
                + " text:Your code is 1234");

        assertThat(r).isEqualTo(new SmscReceipt("0A1B2C", "DELIVRD", null));
        assertThat(r.status()).isEqualTo("delivered");
    }

    @Test
    void readsShortLowerCaseReceiptsAndNeverTheQuotedText() {
        SmscReceipt r = receipt("id:77 stat:undeliv err:034 Text:id:99 stat:DELIVRD");

        assertThat(r).isEqualTo(new SmscReceipt("77", "UNDELIV", "034"));
        assertThat(r.status()).isEqualTo("undelivered");
    }

    @Test
    void everyFailedFinalStateIsUndeliveredAndOthersChangeNothing() {
        for (String state : new String[] {"UNDELIV", "EXPIRED", "DELETED", "REJECTD"}) {
            assertThat(receipt("id:1 stat:" + state + " err:001").status()).as(state).isEqualTo("undelivered");
        }
        for (String state : new String[] {"ENROUTE", "ACCEPTD", "UNKNOWN"}) {
            assertThat(receipt("id:1 stat:" + state + " err:000").status()).as(state).isNull();
        }
    }

    @Test
    void theReceiptTlvsWinOverTheText() {
        DeliverSm deliverSm = deliverSm("id:1 stat:DELIVRD err:000");
        deliverSm.setOptionalParameters(new OptionalParameter.Receipted_message_id("ABC123"),
                new OptionalParameter.Message_state((byte) 5));

        assertThat(SmscReceipt.of(deliverSm)).isEqualTo(new SmscReceipt("ABC123", "UNDELIV", null));
    }

    @Test
    void aReceiptWithoutAnIdNamesNoMessage() {
        assertThat(receipt("stat:DELIVRD err:000")).isNull();
    }

    private static SmscReceipt receipt(String text) {
        return SmscReceipt.of(deliverSm(text));
    }

    private static DeliverSm deliverSm(String text) {
        DeliverSm deliverSm = new DeliverSm();
        deliverSm.setSmscDeliveryReceipt();
        deliverSm.setShortMessage(text.getBytes(StandardCharsets.US_ASCII));
        return deliverSm;
    }
}
