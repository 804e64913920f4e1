package io.vigil.collector.scan;

import io.vigil.common.state.StateReport.Severity;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** How values in a scanner's report become Vigil's. */
final class ScanValues {

    private static final String ELLIPSIS = "…";
    private static final int QUOTED_LENGTH = 80;

    private ScanValues() {}

    /** CRITICAL and HIGH are High, MEDIUM is Medium; LOW, NEGLIGIBLE, UNKNOWN, none and anything else are Low. */
    static Severity severity(String scannerSeverity) {
        if (scannerSeverity == null) {
            return Severity.Low;
        }
        return switch (scannerSeverity.strip().toUpperCase(Locale.ROOT)) {
            case "CRITICAL", "HIGH" -> Severity.High;
            case "MEDIUM" -> Severity.Medium;
            default -> Severity.Low;
        };
    }

    /** An ISO 8601 date and time; one without a zone is taken as UTC. Null or blank is no time. */
    static Instant time(String value, String field) throws UnreadableScanException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(value.strip(), OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime withOffset
                    ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UnreadableScanException(field + " is " + quoted(value)
                    + ", not a date and time in ISO 8601 form such as 2026-12-01T10:00:00Z");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Shortens text meant for display to {@code max} characters, marking the cut; null stays null. */
    static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + ELLIPSIS;
    }

    /** A value from the report, quoted and kept short, for a message that names it. */
    static String quoted(String value) {
        return "\"" + cut(value, QUOTED_LENGTH) + "\"";
    }
}
