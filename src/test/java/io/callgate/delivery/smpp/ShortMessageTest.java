package io.callgate.delivery.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where GSM 7-bit ends, and where one segment ends. */
class ShortMessageTest {

    @Test
    void theWholeBasicTableIsGsmButLookalikesAreNot() {
        assertThat(ShortMessage.of("naïve").dataCoding()).isEqualTo(ShortMessage.UCS_2);
        assertThat(ShortMessage.of("Ü ñ è é ù ì ò Ç Ø å Δ Ω ß ¿ ¡ § ¤ ¥ £ @ _").dataCoding()).isEqualTo(ShortMessage.GSM_7BIT);
        assertThat(ShortMessage.of("ó").dataCoding()).as("only ò is in the table").isEqualTo(ShortMessage.UCS_2);
        assertThat(ShortMessage.of("\u001B").dataCoding()).as("the escape itself is not a character").isEqualTo(ShortMessage.UCS_2);
    }

    @Test
    void oneGsmSegmentHolds160SeptetsCountingExtensionCharactersTwice() {
        assertThat(ShortMessage.of("x".repeat(160)).singleSegment()).isTrue();
        assertThat(ShortMessage.of("x".repeat(161)).singleSegment()).isFalse();
        assertThat(ShortMessage.of("x".repeat(158) + "€").singleSegment()).isTrue();
        assertThat(ShortMessage.of("x".repeat(159) + "€").singleSegment()).isFalse();
    }

    @Test
    void oneUcs2SegmentHolds70Units() {
        assertThat(ShortMessage.of("あ".repeat(70)).singleSegment()).isTrue();
        assertThat(ShortMessage.of("あ".repeat(71)).singleSegment()).isFalse();
        assertThat(ShortMessage.of("あ".repeat(68) + "🔐").singleSegment()).as("an emoji is two units").isTrue();
        assertThat(ShortMessage.of("あ".repeat(69) + "🔐").singleSegment()).isFalse();
    }
}
