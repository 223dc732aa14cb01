package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneTimeCodeTest {

    @Test
    void randomCodesHaveTheAskedLengthAndOnlyDigits() {
        for (int length = 4; length <= 10; length++) {
            for (int i = 0; i < 1000; i++) {
                assertThat(OneTimeCode.random(length).reveal()).hasSize(length).matches("[0-9]+");
            }
        }
    }

    @Test
    void aCodeNeverPrintsItself() {
        OneTimeCode code = OneTimeCode.of("424242");
        assertThat(code.toString()).isEqualTo("OneTimeCode[hidden]").doesNotContain("4");
        assertThat(String.valueOf(code)).doesNotContain("424242");
        assertThat("code: " + code).doesNotContain("424242");
        assertThat(code.reveal()).isEqualTo("424242");
    }

    @Test
    void customCodesAreFourToTenLettersOrDigits() {
        assertThat(OneTimeCode.isValidCustom("A1b2")).isTrue();
        assertThat(OneTimeCode.isValidCustom("0123456789")).isTrue();
        for (String bad : new String[] {null, "", "123", "12345678901", "12 34", "12-34", "１２３４"}) {
            assertThat(OneTimeCode.isValidCustom(bad)).as(bad).isFalse();
        }
    }

    /**
     * Every digit is equally likely at every position (OTP-1). Chi-square with 9 degrees of freedom
     * per position; the threshold 50 is exceeded by chance with p < 1e-7, so a failure means bias.
     */
    @Test
    void digitsAreUniformAtEveryPosition() {
        int codes = 200_000;
        int length = 6;
        long[][] counts = new long[length][10];
        for (int i = 0; i < codes; i++) {
            String code = OneTimeCode.random(length).reveal();
            for (int p = 0; p < length; p++) {
                counts[p][code.charAt(p) - '0']++;
            }
        }
        double expected = codes / 10.0;
        for (int p = 0; p < length; p++) {
            double chiSquare = 0;
            for (long observed : counts[p]) {
                chiSquare += (observed - expected) * (observed - expected) / expected;
            }
            assertThat(chiSquare).as("chi-square at position %d of %s", p, java.util.Arrays.toString(counts[p]))
                    .isLessThan(50);
        }
    }
}
