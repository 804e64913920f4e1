package io.vigil.alert.support;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * Turns the {@code Failed password} lines of an RFC 3164 auth log into normalized events, the way the collector
 * would. Only for tests: the collector owns the real parser.
 */
public final class FailedPasswordReader {

    /** The fixture's lines carry no year; any fixed year gives the same windows. */
    public static final int FIXTURE_YEAR = 2026;

    private static final Pattern LINE =
            Pattern.compile("^(\\w{3} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}) (\\S+) sshd\\[\\d+\\]:"
                    + " Failed password for (?:invalid user )?(\\S*) from (\\S+) port (\\d+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ENGLISH);

    private FailedPasswordReader() {}

    public static List<NormalizedEvent> read(String resource) {
        try (InputStream in = FailedPasswordReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<NormalizedEvent> events = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.find()) {
                    events.add(event(matcher, line));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NormalizedEvent event(Matcher matcher, String line) {
        String stamp = FIXTURE_YEAR + " " + matcher.group(1).replaceAll(" +", " ");
        return new NormalizedEvent(
                UUID.nameUUIDFromBytes(line.getBytes(StandardCharsets.UTF_8)),
                LocalDateTime.parse(stamp, TIME).toInstant(ZoneOffset.UTC),
                EventCategory.Authentication,
                EventAction.LogonFailed,
                1,
                matcher.group(2),
                "sshd",
                matcher.group(4),
                Integer.parseInt(matcher.group(5)),
                22,
                "ssh2",
                matcher.group(3),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                line);
    }
}
