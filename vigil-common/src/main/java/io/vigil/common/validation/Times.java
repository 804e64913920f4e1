package io.vigil.common.validation;

import java.time.Instant;

/**
 * The times Vigil takes from its callers. PostgreSQL keeps times from 4713 BC, and its client library turns later ones
 * than it can encode into other times without a word; years 1 to 9999 are what every client and ISO 8601 agree on.
 */
public final class Times {

    public static final String RULE = "must be a time between the years 1 and 9999";

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Times() {}

    public static boolean isStorable(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }
}
