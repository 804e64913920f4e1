package io.vigil.collector.events.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyslogParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-03T12:00:00Z");
    private static final SyslogParser UTC_PARSER = new SyslogParser(ZoneOffset.UTC, RECEIVED);

    private static final String FAILED_FOR_EMPTY_INVALID_USER =
            "Mar  5 10:00:01 web01 sshd[811]: Failed password for invalid user  from 203.0.113.7 port 40022 ssh2";
    private static final String REPEATED_FAILURE = "Mar  5 10:00:02 web01 sshd[811]: message repeated 4 times:"
            + " [ Failed password for root from 203.0.113.7 port 40022 ssh2]";
    private static final String REPEATED_PAST_ANY_COUNT = "Mar  5 10:00:02 web01 sshd[811]: message repeated"
            + " 99999999999 times: [ Failed password for root from 203.0.113.7 port 40022 ssh2]";
    private static final String REPEATED_NO_TIMES = "Mar  5 10:00:02 web01 sshd[811]: message repeated 0 times:"
            + " [ Failed password for root from 203.0.113.7 port 40022 ssh2]";
    private static final String REPEATED_AT_MOST =
            "Mar  5 10:00:02 web01 sshd[811]: message repeated 1000000 times: [ Invalid user x from 203.0.113.7]";
    private static final String RFC5424_YEARS_AHEAD = "<38>1 2099-01-01T00:00:00Z web01 sshd 4242 - -"
            + " Failed password for root from 198.51.100.4 port 2200 ssh2";
    private static final String ISO_BEFORE_1970 =
            "1969-12-31T23:59:59Z web01 sshd[4]: Failed password for root from 198.51.100.4 port 2200 ssh2";
    private static final String ISO_HOURS_AHEAD =
            "2026-12-04T11:00:00+01:00 web01 sshd[4]: Failed password for root from 198.51.100.4 port 2200 ssh2";
    private static final String IPV6_FAILURE =
            "Mar  5 10:00:03 2001:db8::5 sshd[812]: Failed publickey for admin from 2001:db8::77 port 5022 ssh2";
    private static final String IPV6_OLD_DISCONNECT =
            "Mar  5 10:00:04 web01 sshd[812]: Received disconnect from 2001:db8::77: 11: Bye [preauth]";
    private static final String RFC5424_FAILURE = "<38>1 2026-11-30T22:14:15.003+01:00 web01.example.com sshd 4242"
            + " - - Failed password for root from 198.51.100.4 port 2200 ssh2";
    private static final String RFC5424_WITH_STRUCTURED_DATA =
            "<165>1 2026-11-30T22:14:15Z host7 app 1 ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"App\"] started";
    private static final String UNKNOWN_PROGRAM = "Mar  5 10:00:05 web01 kernel: [12.5] eth0: link up";
    private static final String NOT_SYSLOG = "this is not a log line at all";
    private static final String DECEMBER_LINE =
            "Dec 31 23:59:00 web01 sshd[1]: Accepted password for ops" + " from 192.0.2.1 port 22 ssh2";
    private static final String SHORTLY_AFTER_RECEIPT =
            "Dec  3 12:30:00 web01 sshd[9]: Failed password for root from 203.0.113.9 port 4000 ssh2";
    private static final String ISO_COMPACT_OFFSET =
            "2026-12-01T10:00:00+0100 web01 sshd[4]: Failed password for root from 198.51.100.4 port 2200 ssh2";
    private static final String SUDO_WRONG_PASSWORDS = "Dec  1 10:00:00 web01 sudo:      bob : 3 incorrect password"
            + " attempts ; TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/id";
    private static final String SUDO_ONE_WRONG_PASSWORD =
            "Dec  1 10:00:01 web01 sudo: carol : 1 incorrect password attempt ; TTY=pts/1 ; PWD=/ ; USER=root";
    private static final String SUDO_NOT_IN_SUDOERS_WITHOUT_COMMAND =
            "Dec  1 10:00:01 web01 sudo: carol : user NOT in sudoers ; TTY=pts/2 ; PWD=/home/carol ; USER=root";
    private static final String PAM_MORE_FAILURES = "Dec  1 10:00:02 web01 sshd[77]: PAM 5 more authentication"
            + " failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8::77  user=admin";
    private static final String PAM_MORE_PAST_ANY_COUNT = "Dec  1 10:00:02 web01 sshd[77]: PAM 99999999999 more"
            + " authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root";
    private static final String NO_IDENTIFICATION_WITH_PORT =
            "Dec  1 10:00:03 web01 sshd[78]: Did not receive identification string from 203.0.113.8 port 52214";
    private static final String CONNECTION_CLOSED =
            "Dec  1 10:00:04 web01 sshd[79]: Connection closed by authenticating user root 203.0.113.8 port 52300"
                    + " [preauth]";
    private static final String DISCONNECTING_NAMED_CLIENT = "Dec  1 10:00:05 web01 sshd[80]: Disconnecting"
            + " authenticating user root 203.0.113.8 port 52301: Too many authentication failures [preauth]";
    private static final String LEAP_DAY_LINE =
            "Feb 29 08:00:00 web01 sudo: pam_unix(sudo:session): session opened" + " for user root by ops(uid=0)";

    @Test
    void readsEveryLineOfTheRhelSecureLog() throws IOException {
        List<SyslogResult> results = parseFixture("secure-rhel7.log", UTC_PARSER);

        assertEquals(1000, results.size());
        assertEquals(1000, accepted(results).size());
    }

    @Test
    void countsFailedLogonsPerAttackerInTheRhelSecureLog() throws IOException {
        List<NormalizedEvent> events = accepted(parseFixture("secure-rhel7.log", UTC_PARSER));

        List<NormalizedEvent> failed = withAction(events, EventAction.LogonFailed);
        assertEquals(352, failed.size());
        assertEquals(
                Map.of("203.0.113.10", 213L, "203.0.113.20", 61L, "203.0.113.30", 78L),
                failed.stream().collect(Collectors.groupingBy(NormalizedEvent::sourceAddress, Collectors.counting())));
        assertTrue(failed.stream().allMatch(e -> "root".equals(e.account()) && e.sourcePort() != null));
        assertTrue(failed.stream().allMatch(e -> e.category() == EventCategory.Authentication));
    }

    @Test
    void findsSuccessfulLogonsAndPamFailuresInTheRhelSecureLog() throws IOException {
        List<NormalizedEvent> events = accepted(parseFixture("secure-rhel7.log", UTC_PARSER));

        List<NormalizedEvent> succeeded = withAction(events, EventAction.LogonSucceeded);
        assertEquals(
                Map.of("alice@198.51.100.10", 2L, "bob@198.51.100.20", 1L),
                succeeded.stream()
                        .collect(Collectors.groupingBy(
                                e -> e.account() + "@" + e.sourceAddress(), Collectors.counting())));
        List<NormalizedEvent> pamFailures = withAction(events, EventAction.AuthenticationFailure);
        assertEquals(76 + 76, pamFailures.size(), "76 failures logged one by one and 76 summaries of more");
        assertTrue(pamFailures.stream().allMatch(e -> e.sourceAddress() != null && "root".equals(e.account())));
        assertEquals(3, withAction(events, EventAction.SessionOpened).size());
        assertEquals(2, withAction(events, EventAction.SessionClosed).size());
        assertEquals(2, withAction(events, EventAction.PrivilegeUsed).size());
        assertEquals(13 + 21 + 2, withAction(events, EventAction.Disconnected).size());
    }

    @Test
    void placesLinesWithoutAYearInTheYearBeforeTheirReceipt() throws IOException {
        List<NormalizedEvent> events = accepted(parseFixture("secure-rhel7.log", UTC_PARSER));

        assertEquals(Instant.parse("2026-02-22T16:45:20Z"), events.get(0).time());
        assertEquals(
                Instant.parse("2026-02-22T17:04:51Z"),
                events.get(events.size() - 1).time());
    }

    @Test
    void readsTheMixedAuthLogAsItsFactsSay() throws IOException {
        List<NormalizedEvent> events = accepted(parseFixture("test.log", UTC_PARSER));

        assertEquals(10, events.size());
        List<NormalizedEvent> succeeded = withAction(events, EventAction.LogonSucceeded);
        assertEquals(
                List.of("publickey vagrant 10.0.2.2", "password vagrant 192.168.33.1"),
                succeeded.stream()
                        .map(e -> e.logonType() + " " + e.account() + " " + e.sourceAddress())
                        .toList());
        NormalizedEvent failed = withAction(events, EventAction.LogonFailed).get(0);
        assertEquals("root 203.0.113.10", failed.account() + " " + failed.sourceAddress());
        NormalizedEvent invalid = withAction(events, EventAction.InvalidUser).get(0);
        assertEquals("test 10.0.2.2", invalid.account() + " " + invalid.sourceAddress());
        assertEquals(2, withAction(events, EventAction.PrivilegeUsed).size());
        NormalizedEvent denied = withAction(events, EventAction.PrivilegeDenied).get(0);
        assertEquals("bob /bin/ls precise32", denied.account() + " " + denied.commandLine() + " " + denied.host());
        NormalizedEvent group = withAction(events, EventAction.GroupCreated).get(0);
        assertEquals(EventCategory.Group, group.category());
        assertEquals("apache", group.group());
        NormalizedEvent account = withAction(events, EventAction.AccountCreated).get(0);
        assertEquals(EventCategory.Account, account.category());
        assertEquals("apache", account.account());
        NormalizedEvent silent = withAction(events, EventAction.Disconnected).get(0);
        assertEquals("203.0.113.20", silent.sourceAddress());
        assertEquals(0, withAction(events, EventAction.Other).size());
        assertEquals(
                Map.of("localhost", 7L, "host01", 2L, "precise32", 1L),
                events.stream().collect(Collectors.groupingBy(NormalizedEvent::host, Collectors.counting())));
    }

    @Test
    void readsIsoTimestampsWithAndWithoutOffset() throws IOException {
        SyslogParser paris = new SyslogParser(ZoneId.of("Europe/Paris"), RECEIVED);

        List<NormalizedEvent> inUtc = accepted(parseFixture("timestamp.log", UTC_PARSER));
        List<NormalizedEvent> inParis = accepted(parseFixture("timestamp.log", paris));

        assertEquals(Instant.parse("2019-06-14T10:40:20.912134Z"), inUtc.get(0).time());
        assertEquals(
                Instant.parse("2019-06-14T08:40:20.912134Z"), inParis.get(0).time());
        assertEquals(Instant.parse("2019-06-14T11:31:15.412Z"), inUtc.get(1).time());
        assertEquals(Instant.parse("2019-06-14T11:31:15.412Z"), inParis.get(1).time());
        assertEquals(EventAction.SessionOpened, inUtc.get(0).action());
        assertEquals("root", inUtc.get(0).account());
        assertEquals("sudo", inUtc.get(0).program());
        assertEquals(EventAction.Other, inUtc.get(1).action());
        assertEquals("pam", inUtc.get(1).program());
    }

    @Test
    void acceptsAFailedLogonForAnEmptyInvalidUser() {
        NormalizedEvent event = acceptedEvent(FAILED_FOR_EMPTY_INVALID_USER);

        assertEquals(EventAction.LogonFailed, event.action());
        assertNull(event.account());
        assertEquals("203.0.113.7", event.sourceAddress());
        assertEquals(40022, event.sourcePort());
    }

    @Test
    void countsARepeatedMessageAsItsInnerEvent() {
        NormalizedEvent event = acceptedEvent(REPEATED_FAILURE);

        assertEquals(EventAction.LogonFailed, event.action());
        assertEquals(4, event.count());
        assertEquals("root", event.account());
        assertEquals(REPEATED_FAILURE, event.raw());
    }

    @Test
    void refusesARepeatedMessageThatCountsNothingOrMoreThanAnEntryMayStandFor() {
        for (String line : List.of(REPEATED_PAST_ANY_COUNT, REPEATED_NO_TIMES)) {
            SyslogResult.Rejected rejected = assertInstanceOf(SyslogResult.Rejected.class, UTC_PARSER.parse(line));
            assertEquals("a repeated message must count from 1 to 1000000", rejected.reason());
        }
        assertEquals(1_000_000, acceptedEvent(REPEATED_AT_MOST).count());
    }

    @Test
    void refusesATimeFarAfterItsReceiptOrBefore1970AsAWrongClock() {
        SyslogResult.Rejected ahead =
                assertInstanceOf(SyslogResult.Rejected.class, UTC_PARSER.parse(RFC5424_YEARS_AHEAD));
        SyslogResult.Rejected before = assertInstanceOf(SyslogResult.Rejected.class, UTC_PARSER.parse(ISO_BEFORE_1970));

        assertTrue(ahead.reason().contains("more than a day after the upload was received"), ahead.reason());
        assertEquals("time 1969-12-31T23:59:59Z is before 1970", before.reason());
        assertEquals(
                Instant.parse("2026-12-04T10:00:00Z"),
                acceptedEvent(ISO_HOURS_AHEAD).time());
    }

    @Test
    void readsIpv6HostsAndSources() {
        NormalizedEvent failure = acceptedEvent(IPV6_FAILURE);
        NormalizedEvent disconnect = acceptedEvent(IPV6_OLD_DISCONNECT);

        assertEquals("2001:db8::5", failure.host());
        assertEquals("2001:db8::77", failure.sourceAddress());
        assertEquals("publickey", failure.logonType());
        assertEquals(EventAction.Disconnected, disconnect.action());
        assertEquals("2001:db8::77", disconnect.sourceAddress());
    }

    @Test
    void readsRfc5424Lines() {
        NormalizedEvent failure = acceptedEvent(RFC5424_FAILURE);
        NormalizedEvent other = acceptedEvent(RFC5424_WITH_STRUCTURED_DATA);

        assertEquals(Instant.parse("2026-11-30T21:14:15.003Z"), failure.time());
        assertEquals("web01.example.com", failure.host());
        assertEquals("sshd", failure.program());
        assertEquals(EventAction.LogonFailed, failure.action());
        assertEquals("198.51.100.4", failure.sourceAddress());
        assertEquals(EventCategory.Other, other.category());
        assertEquals("app", other.program());
    }

    @Test
    void keepsSyslogOfAnUnknownKindAsOther() {
        NormalizedEvent event = acceptedEvent(UNKNOWN_PROGRAM);

        assertEquals(EventCategory.Other, event.category());
        assertEquals(EventAction.Other, event.action());
        assertEquals("kernel", event.program());
        assertEquals(UNKNOWN_PROGRAM, event.raw());
    }

    @Test
    void rejectsALineThatIsNotSyslog() {
        SyslogResult result = UTC_PARSER.parse(NOT_SYSLOG);

        SyslogResult.Rejected rejected = assertInstanceOf(SyslogResult.Rejected.class, result);
        assertTrue(rejected.reason().startsWith("not a syslog line"));
    }

    @Test
    void putsADecemberLineReceivedInJanuaryInThePreviousYear() {
        SyslogParser january = new SyslogParser(ZoneOffset.UTC, Instant.parse("2027-01-02T00:10:00Z"));

        SyslogResult result = january.parse(DECEMBER_LINE);

        assertEquals(
                Instant.parse("2026-12-31T23:59:00Z"),
                assertInstanceOf(SyslogResult.Accepted.class, result).event().time());
    }

    @Test
    void keepsALineStampedShortlyAfterItsReceiptInTheYearOfReceipt() {
        NormalizedEvent event = acceptedEvent(SHORTLY_AFTER_RECEIPT);

        assertEquals(Instant.parse("2026-12-03T12:30:00Z"), event.time(), "half an hour of clock skew, not a year ago");
        assertTrue(event.time().isAfter(RECEIVED));
    }

    @Test
    void readsAnOffsetWrittenWithoutAColon() {
        assertEquals(
                Instant.parse("2026-12-01T09:00:00Z"),
                acceptedEvent(ISO_COMPACT_OFFSET).time());
    }

    @Test
    void readsSudoRefusingAfterWrongPasswordsWithTheCommandAsked() {
        NormalizedEvent three = acceptedEvent(SUDO_WRONG_PASSWORDS);
        NormalizedEvent one = acceptedEvent(SUDO_ONE_WRONG_PASSWORD);

        assertEquals(EventCategory.Privilege, three.category());
        assertEquals(EventAction.PrivilegeDenied, three.action());
        assertEquals("bob /usr/bin/id", three.account() + " " + three.commandLine());
        assertEquals(EventAction.PrivilegeDenied, one.action());
        assertEquals("carol", one.account());
        assertNull(one.commandLine());
        NormalizedEvent refused = acceptedEvent(SUDO_NOT_IN_SUDOERS_WITHOUT_COMMAND);
        assertEquals(EventAction.PrivilegeDenied, refused.action());
        assertEquals("carol", refused.account());
        assertNull(refused.commandLine());
    }

    @Test
    void countsAPamSummaryAsTheFailuresItNamesAndRefusesAnImpossibleCount() {
        NormalizedEvent summary = acceptedEvent(PAM_MORE_FAILURES);
        SyslogResult.Rejected refused =
                assertInstanceOf(SyslogResult.Rejected.class, UTC_PARSER.parse(PAM_MORE_PAST_ANY_COUNT));

        assertEquals(EventAction.AuthenticationFailure, summary.action());
        assertEquals(5, summary.count());
        assertEquals("admin 2001:db8::77", summary.account() + " " + summary.sourceAddress());
        assertEquals("PAM's count of more failures must be from 1 to 1000000", refused.reason());
    }

    @Test
    void readsTheClientOfConnectionsThatEndedBeforeALogon() {
        NormalizedEvent silent = acceptedEvent(NO_IDENTIFICATION_WITH_PORT);
        NormalizedEvent closed = acceptedEvent(CONNECTION_CLOSED);
        NormalizedEvent cutOff = acceptedEvent(DISCONNECTING_NAMED_CLIENT);

        for (NormalizedEvent event : List.of(silent, closed, cutOff)) {
            assertEquals(EventAction.Disconnected, event.action());
            assertEquals("203.0.113.8", event.sourceAddress());
        }
        assertEquals(52214, silent.sourcePort());
        assertNull(silent.account());
        assertEquals("root 52300", closed.account() + " " + closed.sourcePort());
        assertEquals("root 52301", cutOff.account() + " " + cutOff.sourcePort());
    }

    @Test
    void putsALeapDayInTheLatestLeapYearBeforeReceipt() {
        SyslogParser march = new SyslogParser(ZoneOffset.UTC, Instant.parse("2026-03-01T00:00:00Z"));

        SyslogResult result = march.parse(LEAP_DAY_LINE);

        assertEquals(
                Instant.parse("2024-02-29T08:00:00Z"),
                assertInstanceOf(SyslogResult.Accepted.class, result).event().time());
    }

    private static NormalizedEvent acceptedEvent(String line) {
        return assertInstanceOf(SyslogResult.Accepted.class, UTC_PARSER.parse(line))
                .event();
    }

    private static List<NormalizedEvent> withAction(List<NormalizedEvent> events, EventAction action) {
        return events.stream().filter(e -> e.action() == action).toList();
    }

    private static List<NormalizedEvent> accepted(List<SyslogResult> results) {
        Map<String, Long> rejections = new TreeMap<>();
        List<NormalizedEvent> events = results.stream()
                .peek(r -> {
                    if (r instanceof SyslogResult.Rejected rejected) {
                        rejections.merge(rejected.reason(), 1L, Long::sum);
                    }
                })
                .filter(SyslogResult.Accepted.class::isInstance)
                .map(r -> ((SyslogResult.Accepted) r).event())
                .toList();
        assertEquals(Map.of(), rejections);
        return events;
    }

    private static List<SyslogResult> parseFixture(String name, SyslogParser parser) throws IOException {
        try (InputStream in = SyslogParserTest.class.getResourceAsStream("/fixtures/linux/auth/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(parser::parse)
                    .toList();
        }
    }
}
