package io.vigil.alert.support;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the sshd {@code Failed} and {@code Accepted} lines of an RFC 3164 auth log into normalized events, the way the
 * collector would; every other line is left out. Only for tests: the collector owns the real parser.
 */
public final class AuthLogReader {

    /** The fixture's lines carry no year; any fixed year gives the same windows. */
    public static final int FIXTURE_YEAR = 2026;

    private static final Pattern LINE =
            Pattern.compile("^(\\w{3} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}) (\\S+) (sshd)\\[\\d+\\]:"
                    + " (Failed|Accepted) (\\S+) for (?:invalid user )?(\\S*) from (\\S+) port (\\d+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ENGLISH);

    private AuthLogReader() {}

    public static List<NormalizedEvent> read(String resource) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (String line : Fixtures.text(resource).split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                events.add(event(matcher, line));
            }
        }
        return events;
    }

    /** Only the failed logons. */
    public static List<NormalizedEvent> failures(String resource) {
        return read(resource).stream()
                .filter(event -> event.action() == EventAction.LogonFailed)
                .toList();
    }

    private static NormalizedEvent event(Matcher matcher, String line) {
        String stamp = FIXTURE_YEAR + " " + matcher.group(1).replaceAll(" +", " ");
        return new NormalizedEvent(
                UUID.nameUUIDFromBytes(line.getBytes(StandardCharsets.UTF_8)),
                LocalDateTime.parse(stamp, TIME).toInstant(ZoneOffset.UTC),
                EventCategory.Authentication,
                matcher.group(4).equals("Failed") ? EventAction.LogonFailed : EventAction.LogonSucceeded,
                1,
                matcher.group(2),
                matcher.group(3),
                matcher.group(7),
                Integer.parseInt(matcher.group(8)),
                null,
                null,
                matcher.group(6),
                null,
                null,
                null,
                null,
                matcher.group(5),
                null,
                null,
                line);
    }
}
