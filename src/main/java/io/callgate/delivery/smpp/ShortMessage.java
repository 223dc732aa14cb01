package io.callgate.delivery.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A text as SMPP carries it: in the GSM 03.38 default alphabet (data_coding 0, one septet per
 * octet, unpacked, as SMPP wants it) when every character is in its basic table or extension
 * table, otherwise in UCS-2 (data_coding 8, UTF-16BE, so characters beyond the BMP such as emoji
 * travel as surrogate pairs, which phones show).
 *
 * @param dataCoding the data_coding octet
 * @param bytes the encoded text
 * @param singleSegment whether it fits one message (160 septets, or 70 UCS-2 units): in
 *                      short_message if so, otherwise in the message_payload TLV
 */
record ShortMessage(byte dataCoding, byte[] bytes, boolean singleSegment) {

    static final byte GSM_7BIT = 0x00;
    static final byte UCS_2 = 0x08;

    /** GSM 03.38 basic table, indexed by septet; 0x1B is the escape to the extension table. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";
    private static final int ESCAPE = 0x1B;
    /** The extension table: each of these characters is sent as ESC and the septet beside it. */
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_SEPTETS = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    static ShortMessage of(String text) {
        byte[] gsm = gsm7(text);
        if (gsm != null) {
            return new ShortMessage(GSM_7BIT, gsm, gsm.length <= 160);
        }
        return new ShortMessage(UCS_2, text.getBytes(StandardCharsets.UTF_16BE), text.length() <= 70);
    }

    /** The unpacked septets of the text, or null if a character is not in the GSM alphabet. */
    static byte[] gsm7(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int septet = c == ESCAPE ? -1 : BASIC.indexOf(c);
            if (septet >= 0) {
                out.write(septet);
                continue;
            }
            int extension = EXTENSION_CHARS.indexOf(c);
            if (extension < 0) {
                return null;
            }
            out.write(ESCAPE);
            out.write(EXTENSION_SEPTETS[extension]);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "ShortMessage[data_coding " + dataCoding + ", " + bytes.length + " octets]";
    }
}
