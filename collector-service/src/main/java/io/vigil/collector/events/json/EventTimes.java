package io.vigil.collector.events.json;

import io.vigil.collector.events.IsoTimestamps;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times that event exports write: ISO 8601 with {@code Z}, with an offset or with no zone at all (taken as
 * UTC, which is what Windows records), and the {@code /Date(milliseconds)/} form of PowerShell's ConvertTo-Json.
 */
final class EventTimes {

    /** Longer than any time either form can write; longer text is refused before it is parsed. */
    static final int MAX_LENGTH = 64;

    /** The milliseconds are UTC; the offset PowerShell may append only says where the machine was. */
    private static final Pattern DOTNET_DATE = Pattern.compile("^/Date\\((-?\\d{1,15})(?:[+-]\\d{4})?\\)/$");

    private EventTimes() {}

    /** The instant a required field names; refused when the field is absent or is not a time. */
    static Instant required(String text, String field) {
        if (text == null) {
            throw new InvalidEntry(field + " is missing");
        }
        Instant time = parse(text);
        if (time == null) {
            throw new InvalidEntry(
                    field + " '" + text + "' is not an ISO 8601 time such as 2026-12-01T10:00:00Z, nor /Date(ms)/");
        }
        return time;
    }

    private static Instant parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return null;
        }
        Matcher dotnet = DOTNET_DATE.matcher(text);
        return dotnet.matches()
                ? Instant.ofEpochMilli(Long.parseLong(dotnet.group(1)))
                : IsoTimestamps.parse(text, ZoneOffset.UTC);
    }
}
