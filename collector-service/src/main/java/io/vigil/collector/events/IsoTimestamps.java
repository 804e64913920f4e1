package io.vigil.collector.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;

/** Reads ISO 8601 timestamps as logs and exports write them: with {@code Z}, an offset, or no zone at all. */
public final class IsoTimestamps {

    /** Both offset layouts occur: {@code +01:00} (RFC 3339) and {@code +0100}. */
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();

    private IsoTimestamps() {}

    /**
     * @param zone the zone of a timestamp that carries none
     * @return the instant, or null if the text is not such a timestamp
     */
    public static Instant parse(String text, ZoneId zone) {
        try {
            TemporalAccessor parsed = FORMAT.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime withOffset
                    ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
