package io.vigil.collector.events.syslog;

import io.vigil.collector.events.EventTimeBounds;
import io.vigil.collector.events.IsoTimestamps;
import io.vigil.common.events.NormalizedEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads syslog lines as auth logs hold them: RFC 3164 ({@code Feb 22 16:45:20 host prog[pid]: text}, no year),
 * RFC 5424 ({@code <34>1 2026-12-01T10:00:00Z host prog pid msgid [sd] text}), and the RFC 3164 layout with an ISO 8601
 * timestamp that rsyslog writes when told to. A line that is syslog but says something this parser does not know is
 * still an event, of category Other; only a line that is not syslog at all is rejected.
 *
 * <p>One parser serves one upload: the zone of lines without one and the time of receipt are fixed for it.
 */
public final class SyslogParser {

    private static final int MAX_LINE_LENGTH = 8192;
    private static final int YEARS_BACK = 8;

    private static final Pattern RFC5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[(?:[^\\]\\\\]|\\\\.)*])+)(?: (.*))?$");
    private static final Pattern RFC3164 =
            Pattern.compile("^(?:<\\d{1,3}>)?([A-Z][a-z]{2}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\S+) (.*)$");
    private static final Pattern ISO_LAYOUT =
            Pattern.compile("^(?:<\\d{1,3}>)?(\\d{4}-\\d{2}-\\d{2}T\\S+) (\\S+) (.*)$");
    private static final Pattern TAG = Pattern.compile("^([^\\s\\[\\]:]+)(?:\\[[^\\]]*])?: ?(.*)$");

    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("Jan", Month.JANUARY),
            Map.entry("Feb", Month.FEBRUARY),
            Map.entry("Mar", Month.MARCH),
            Map.entry("Apr", Month.APRIL),
            Map.entry("May", Month.MAY),
            Map.entry("Jun", Month.JUNE),
            Map.entry("Jul", Month.JULY),
            Map.entry("Aug", Month.AUGUST),
            Map.entry("Sep", Month.SEPTEMBER),
            Map.entry("Oct", Month.OCTOBER),
            Map.entry("Nov", Month.NOVEMBER),
            Map.entry("Dec", Month.DECEMBER));

    private final ZoneId zone;
    private final Instant receivedAt;

    /**
     * @param zone the zone of timestamps that carry none
     * @param receivedAt when the lines arrived, by the server's clock; it chooses the year of lines that carry none
     */
    public SyslogParser(ZoneId zone, Instant receivedAt) {
        this.zone = zone;
        this.receivedAt = receivedAt;
    }

    public SyslogResult parse(String line) {
        if (line.isBlank()) {
            return rejected("empty line");
        }
        if (line.length() > MAX_LINE_LENGTH) {
            return rejected("line longer than " + MAX_LINE_LENGTH + " characters");
        }
        if (line.indexOf('\0') >= 0) {
            return rejected("line contains a NUL character");
        }
        Matcher rfc5424 = RFC5424.matcher(line);
        if (rfc5424.matches()) {
            return fromRfc5424(rfc5424, line);
        }
        Matcher rfc3164 = RFC3164.matcher(line);
        if (rfc3164.matches()) {
            return fromRfc3164(rfc3164, line);
        }
        Matcher iso = ISO_LAYOUT.matcher(line);
        if (iso.matches()) {
            Instant time = isoInstant(iso.group(1));
            if (time == null) {
                return rejected("timestamp '" + iso.group(1) + "' is not a valid ISO 8601 time");
            }
            String refusal = EventTimeBounds.refusal(time, receivedAt);
            return refusal != null ? rejected(refusal) : withTag(time, iso.group(2), iso.group(3), line);
        }
        return rejected("not a syslog line: no RFC 3164, RFC 5424 or ISO 8601 timestamp and host at its start");
    }

    private SyslogResult fromRfc5424(Matcher m, String line) {
        Instant time = m.group(2).equals("-") ? receivedAt : isoInstant(m.group(2));
        if (time == null) {
            return rejected("timestamp '" + m.group(2) + "' is not a valid RFC 5424 time");
        }
        String refusal = EventTimeBounds.refusal(time, receivedAt);
        if (refusal != null) {
            return rejected(refusal);
        }
        String message = m.group(8) == null ? "" : stripByteOrderMark(m.group(8));
        return accepted(time, nil(m.group(3)), nil(m.group(4)), message, line);
    }

    private SyslogResult fromRfc3164(Matcher m, String line) {
        Month month = MONTHS.get(m.group(1));
        if (month == null) {
            return rejected("'" + m.group(1) + "' is not a month");
        }
        LocalTime clock;
        try {
            clock = LocalTime.of(
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        } catch (DateTimeException e) {
            return rejected("time of day " + m.group(3) + ":" + m.group(4) + ":" + m.group(5) + " is not valid");
        }
        Instant time = withInferredYear(month, Integer.parseInt(m.group(2)), clock);
        if (time == null) {
            return rejected(m.group(1) + " " + m.group(2) + " is not a valid date");
        }
        return withTag(time, m.group(6), m.group(7), line);
    }

    private SyslogResult withTag(Instant time, String host, String rest, String line) {
        Matcher tag = TAG.matcher(rest);
        return tag.matches()
                ? accepted(time, host, tag.group(1), tag.group(2), line)
                : accepted(time, host, null, rest, line);
    }

    private static SyslogResult accepted(Instant time, String host, String program, String message, String line) {
        MessageFacts facts = AuthMessages.read(program, message);
        if (facts.refusal() != null) {
            return rejected(facts.refusal());
        }
        return new SyslogResult.Accepted(new NormalizedEvent(
                UUID.randomUUID(),
                time,
                facts.category(),
                facts.action(),
                facts.count(),
                host,
                program,
                facts.sourceAddress(),
                facts.sourcePort(),
                facts.destinationAddress(),
                facts.destinationPort(),
                facts.protocol(),
                facts.account(),
                facts.group(),
                null,
                null,
                facts.commandLine(),
                facts.logonType(),
                facts.threat(),
                facts.file(),
                line));
    }

    /** The year that puts the line closest before its receipt (allowing for a skewed clock); null if none fits. */
    private Instant withInferredYear(Month month, int day, LocalTime clock) {
        Instant latest = receivedAt.plus(EventTimeBounds.CLOCK_SKEW);
        int receivedYear = receivedAt.atZone(zone).getYear();
        for (int year = receivedYear + 1; year >= receivedYear - YEARS_BACK; year--) {
            if (day < 1 || day > month.length(Year.isLeap(year))) {
                continue;
            }
            Instant candidate = LocalDateTime.of(LocalDate.of(year, month, day), clock)
                    .atZone(zone)
                    .toInstant();
            if (!candidate.isAfter(latest)) {
                return candidate;
            }
        }
        return null;
    }

    private Instant isoInstant(String text) {
        return IsoTimestamps.parse(text, zone);
    }

    private static String nil(String value) {
        return value.equals("-") ? null : value;
    }

    private static String stripByteOrderMark(String message) {
        return message.startsWith("\uFEFF") ? message.substring(1) : message;
    }

    private static SyslogResult rejected(String reason) {
        return new SyslogResult.Rejected(reason);
    }
}
