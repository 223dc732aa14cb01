package io.callgate.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** ISO 8601 UTC dates to the second, as every Verify v2 example shows them. */
public final class Iso {

    private Iso() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Parses a filter date; a bad one is the caller's error, named after the parameter. One without an offset
     * is UTC: twilio-java sends {@code yyyy-MM-dd'T'HH:mm:ss} and drops the zone.
     */
    public static Instant parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw ApiException.invalidParameter(parameter);
            }
        }
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
