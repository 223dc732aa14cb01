package io.callgate.delivery.smpp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * What an SMSC's delivery receipt says: which message, how it ended, and the SMSC's error code.
 * The receipted_message_id and message_state TLVs win when the SMSC sends them; otherwise the
 * text of SMPP 3.4 Appendix B ({@code id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…
 * text:…}) is read, leniently: only id, stat and err matter, in any order and case, and the
 * {@code text:} part, which quotes the message, is never read.
 *
 * @param messageId the id the SMSC gave in submit_sm_resp
 * @param state the state's SMPP name (DELIVRD, UNDELIV, EXPIRED, DELETED, REJECTD, ENROUTE, ACCEPTD, UNKNOWN)
 * @param error the SMSC's error code, null when it reports none
 */
record SmscReceipt(String messageId, String state, String error) {

    private static final Pattern FIELD = Pattern.compile("(?:^|\\s)(id|stat|err):(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT = Pattern.compile("(?:^|\\s)text:", Pattern.CASE_INSENSITIVE);
    /** message_state TLV values (SMPP 3.4, 5.3.2.35), by their names in receipt text. */
    private static final String[] STATES_BY_VALUE =
            {null, "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD"};
    /** Final states, as callgate records them; the others (ENROUTE, ACCEPTD, UNKNOWN) change nothing. */
    private static final Map<String, String> STATUS = Map.of(
            "DELIVRD", "delivered",
            "UNDELIV", "undelivered",
            "EXPIRED", "undelivered",
            "DELETED", "undelivered",
            "REJECTD", "undelivered");

    /** Reads a deliver_sm that carries a receipt; null when it names no message. */
    static SmscReceipt of(DeliverSm deliverSm) {
        String text = text(deliverSm);
        String id = null;
        String state = null;
        String error = null;
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "id" -> id = m.group(2);
                case "stat" -> state = m.group(2).toUpperCase(Locale.ROOT);
                default -> error = m.group(2);
            }
        }
        if (deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)
                instanceof OptionalParameter.COctetString receipted && !receipted.getValueAsString().isEmpty()) {
            id = receipted.getValueAsString();
        }
        if (deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE) instanceof OptionalParameter.Byte s
                && s.getValue() > 0 && s.getValue() < STATES_BY_VALUE.length) {
            state = STATES_BY_VALUE[s.getValue()];
        }
        return id == null ? null : new SmscReceipt(id, state, error == null || error.matches("0+") ? null : error);
    }

    /** {@code delivered} or {@code undelivered}; null for a state that is not final. */
    String status() {
        return state == null ? null : STATUS.get(state);
    }

    private static String text(DeliverSm deliverSm) {
        byte[] bytes = deliverSm.getShortMessage();
        if ((bytes == null || bytes.length == 0)
                && deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD) instanceof OptionalParameter.OctetString p) {
            bytes = p.getValue();
        }
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher quoted = TEXT.matcher(text);
        return quoted.find() ? text.substring(0, quoted.start()) : text;
    }
}
