package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callgate.api.ApiException;
import io.callgate.delivery.Channel;
import org.junit.jupiter.api.Test;

class DestinationTest {

    @Test
    void phoneNumbersAreNormalisedToE164WithTheirCountry() {
        assertThat(Destination.parse("+1 (212) 555-4567", Channel.SMS)).isEqualTo(new Destination("+12125554567", "US"));
        assertThat(Destination.parse(" +44 20 7946 0958 ", Channel.CALL)).isEqualTo(new Destination("+442079460958", "GB"));
        assertThat(Destination.parse("+33.1.23.45.67.89", Channel.SMS)).isEqualTo(new Destination("+33123456789", "FR"));
        assertThat(Destination.parse("+49 30 123456", Channel.SMS).country()).isEqualTo("DE");
        // Numbers outside any one country (international freephone) have none.
        assertThat(Destination.parse("+800 1234 5678", Channel.SMS)).isEqualTo(new Destination("+80012345678", null));
        assertThat(Destination.parseAny("+12125554567")).isEqualTo(new Destination("+12125554567", "US"));
    }

    @Test
    void anythingButAnInternationalNumberIsInvalidParameterTo() {
        for (String to : new String[] {"2125554567", "0044 20 7946 0958", "+1 212 CALL NOW", "+12", "+1234567890123456789",
                "+0123456789", "sip:alice@example.com", "anonymous", "+1 212 555 4567 ext. 12", "tel:+12125554567"}) {
            assertThatThrownBy(() -> Destination.parse(to, Channel.SMS)).as(to).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).isEqualTo(60200);
                assertThat(e.status().value()).isEqualTo(400);
                assertThat(e.getMessage()).isEqualTo("Invalid parameter: To");
            });
        }
        for (String to : new String[] {"", "  ", null}) {
            assertThatThrownBy(() -> Destination.parse(to, Channel.SMS)).isInstanceOfSatisfying(ApiException.class, e ->
                    assertThat(e.getMessage()).contains("Missing required parameter To"));
        }
    }

    @Test
    void emailDomainsAreLowerCasedAndTheLocalPartKept() {
        Destination email = Destination.parse("Ada.Lovelace@Example.COM", Channel.EMAIL);
        assertThat(email).isEqualTo(new Destination("Ada.Lovelace@example.com", null));
        assertThat(email.isEmail()).isTrue();
        assertThat(Destination.parseAny("ada@EXAMPLE.org").address()).isEqualTo("ada@example.org");
        assertThat(Destination.parse("+12125554567", Channel.SMS).isEmail()).isFalse();
        for (String to : new String[] {"ada", "ada@", "@example.com", "ada@example", "ada @example.com", "+12125554567",
                "a".repeat(65) + "@example.com"}) {
            assertThatThrownBy(() -> Destination.parse(to, Channel.EMAIL)).as(to).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void maskingKeepsTheCountryCodeAndLastFourDigitsOnly() {
        Destination phone = Destination.parse("+12125554567", Channel.SMS);
        assertThat(phone.masked()).isEqualTo("+1******4567");
        assertThat(phone).hasToString("+1******4567");
        assertThat(Destination.mask("+442079460958")).isEqualTo("+4*******0958");
        assertThat(Destination.mask("+12345")).isEqualTo("******");
        assertThat(Destination.parse("Ada@Example.com", Channel.EMAIL).masked()).isEqualTo("A***@example.com");
        assertThat(Destination.mask(null)).isNull();
    }
}
