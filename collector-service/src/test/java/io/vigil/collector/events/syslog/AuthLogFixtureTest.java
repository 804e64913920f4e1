package io.vigil.collector.events.syslog;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The facts that fixtures/README.md states for the two auth log samples, as the parser reads them. The sshd process
 * id of a line is not a field of an event; it stays in the raw text, where these tests find it.
 */
class AuthLogFixtureTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-03T12:00:00Z");
    private static final Pattern SSHD_PID = Pattern.compile(" sshd\\[(\\d+)]: ");

    private static final List<NormalizedEvent> RHEL = read("secure-rhel7.log");
    private static final List<NormalizedEvent> MIXED = read("test.log");

    @Test
    void readsTheThousandRhelLinesAsNineHundredNinetyEightOfSshdAndTwoOfSudo() {
        assertEquals(1000, RHEL.size());
        assertEquals(Map.of("sshd", 998L, "sudo", 2L), countBy(RHEL, NormalizedEvent::program));
        assertEquals(Instant.parse("2026-02-22T16:45:20Z"), RHEL.get(0).time());
        assertEquals(
                Instant.parse("2026-02-22T17:04:51Z"), RHEL.get(RHEL.size() - 1).time());
        assertTrue(RHEL.stream()
                .allMatch(e -> e.time().truncatedTo(ChronoUnit.DAYS).equals(Instant.parse("2026-02-22T00:00:00Z"))));
    }

    @Test
    void placesEachAttackersFirstAndLastFailedPassword() {
        Map<String, String> firstAndLast = new TreeMap<>();
        for (NormalizedEvent failure : withAction(RHEL, EventAction.LogonFailed)) {
            firstAndLast.merge(
                    failure.sourceAddress(),
                    failure.time() + " " + failure.time(),
                    (known, added) -> known.substring(0, known.indexOf(' ')) + " " + failure.time());
        }

        assertEquals(
                Map.of(
                        "203.0.113.10", "2026-02-22T16:45:20Z 2026-02-22T17:04:48Z",
                        "203.0.113.20", "2026-02-22T16:45:57Z 2026-02-22T17:04:41Z",
                        "203.0.113.30", "2026-02-22T16:59:17Z 2026-02-22T17:04:44Z"),
                firstAndLast);
    }

    @Test
    void keepsTheSshdProcessOfEachFailureInItsRawText() {
        Map<String, Set<String>> pids = withAction(RHEL, EventAction.LogonFailed).stream()
                .collect(groupingBy(
                        NormalizedEvent::sourceAddress,
                        Collectors.mapping(AuthLogFixtureTest::pid, Collectors.toSet())));

        assertEquals(43, pids.get("203.0.113.10").size());
        assertEquals(21, pids.get("203.0.113.20").size());
        assertEquals(13, pids.get("203.0.113.30").size());
        assertEquals(77, pids.values().stream().mapToInt(Set::size).sum());
    }

    @Test
    void readsEachPamFailureWithTheRemoteHostItNames() {
        List<NormalizedEvent> pamUnix = withAction(RHEL, EventAction.AuthenticationFailure).stream()
                .filter(e -> e.raw().contains("pam_unix(sshd:auth): authentication failure"))
                .toList();

        assertEquals(
                Map.of("203.0.113.10", 42L, "203.0.113.20", 21L, "203.0.113.30", 13L),
                countBy(pamUnix, NormalizedEvent::sourceAddress));
        assertTrue(pamUnix.stream().allMatch(e -> e.count() == 1 && "root".equals(e.account())));
    }

    /** The log starts mid-attack: the first session shows three failures, PAM counts four more than it logged. */
    @Test
    void countsThePamSummaryOfASessionAsTheFailuresItNames() {
        List<NormalizedEvent> firstSession =
                RHEL.stream().filter(e -> "2738".equals(pid(e))).toList();

        assertEquals(3, withAction(firstSession, EventAction.LogonFailed).size());
        NormalizedEvent summary =
                withAction(firstSession, EventAction.AuthenticationFailure).get(0);
        assertEquals(4, summary.count());
        assertEquals("203.0.113.10 root", summary.sourceAddress() + " " + summary.account());
        Map<String, Integer> summedBySource = new TreeMap<>();
        withAction(RHEL, EventAction.AuthenticationFailure).stream()
                .filter(e -> e.raw().contains("more authentication failures"))
                .forEach(e -> summedBySource.merge(e.sourceAddress(), e.count(), Integer::sum));
        assertEquals(Map.of("203.0.113.10", 172, "203.0.113.20", 40, "203.0.113.30", 65), summedBySource);
    }

    @Test
    void tellsTheAttackersDisconnectionsFromTheOnesTheyAskedFor() {
        List<NormalizedEvent> cutOff = withAction(RHEL, EventAction.Disconnected).stream()
                .filter(e -> e.raw().contains("Disconnecting: Too many authentication failures"))
                .toList();
        List<NormalizedEvent> received = withAction(RHEL, EventAction.Disconnected).stream()
                .filter(e -> e.raw().contains("Received disconnect from"))
                .toList();

        assertEquals(13, cutOff.size());
        cutOff.forEach(e -> assertEquals("root", e.account()));
        cutOff.forEach(e -> assertNull(e.sourceAddress(), "the line names no address: " + e.raw()));
        Set<String> pidsOfThirdAttacker = withAction(RHEL, EventAction.LogonFailed).stream()
                .filter(e -> e.sourceAddress().equals("203.0.113.30"))
                .map(AuthLogFixtureTest::pid)
                .collect(Collectors.toSet());
        assertTrue(
                cutOff.stream().map(AuthLogFixtureTest::pid).allMatch(pidsOfThirdAttacker::contains),
                "each cut-off session is one of 203.0.113.30's");
        assertEquals(
                Map.of("203.0.113.20", 21L, "198.51.100.10", 2L), countBy(received, NormalizedEvent::sourceAddress));
        assertEquals(36, withAction(RHEL, EventAction.Disconnected).size());
    }

    @Test
    void findsTheBusiestMinuteOfEachAttacker() {
        Map<String, Map<Instant, Long>> perMinute = withAction(RHEL, EventAction.LogonFailed).stream()
                .collect(groupingBy(
                        NormalizedEvent::sourceAddress,
                        groupingBy(e -> e.time().truncatedTo(ChronoUnit.MINUTES), counting())));
        Map<String, String> busiest = new TreeMap<>();
        // On a tie, the earlier minute.
        perMinute.forEach((source, minutes) -> minutes.entrySet().stream()
                .max(Map.Entry.<Instant, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .ifPresent(top -> busiest.put(source, top.getValue() + " at " + top.getKey())));

        assertEquals(
                Map.of(
                        "203.0.113.10", "19 at 2026-02-22T16:54:00Z",
                        "203.0.113.20", "6 at 2026-02-22T16:48:00Z",
                        "203.0.113.30", "15 at 2026-02-22T17:00:00Z"),
                busiest);
    }

    @Test
    void readsTheSuccessfulKeyLogonsAndSessions() {
        assertEquals(
                Map.of("publickey alice 198.51.100.10", 2L, "publickey bob 198.51.100.20", 1L),
                countBy(
                        withAction(RHEL, EventAction.LogonSucceeded),
                        e -> e.logonType() + " " + e.account() + " " + e.sourceAddress()));
        assertEquals(3, withAction(RHEL, EventAction.SessionOpened).size());
        assertEquals(2, withAction(RHEL, EventAction.SessionClosed).size());
        assertEquals(
                List.of("bob /bin/cat /var/log/secure", "bob /bin/cp /var/log/secure ."),
                withAction(RHEL, EventAction.PrivilegeUsed).stream()
                        .map(e -> e.account() + " " + e.commandLine())
                        .toList());
    }

    @Test
    void keepsTheSourceOfAConnectionThatNeverIdentifiedItself() {
        NormalizedEvent silent = MIXED.stream()
                .filter(e -> e.raw().contains("Did not receive identification string"))
                .findFirst()
                .orElseThrow();

        assertEquals(EventCategory.Authentication, silent.category());
        assertEquals(EventAction.Disconnected, silent.action());
        assertEquals("203.0.113.20", silent.sourceAddress());
        assertEquals(0, withAction(MIXED, EventAction.Other).size(), "every line of the mixed log is understood");
    }

    @Test
    void readsTheMixedLogOutOfOrderFromFebruaryNineteenthToTwentyFourth() {
        List<Instant> times = MIXED.stream().map(NormalizedEvent::time).toList();

        assertEquals(
                Instant.parse("2026-02-19T15:30:04Z"),
                times.stream().min(Instant::compareTo).orElseThrow());
        assertEquals(
                Instant.parse("2026-02-24T00:13:02Z"),
                times.stream().max(Instant::compareTo).orElseThrow());
        assertEquals(false, times.equals(times.stream().sorted().toList()), "the lines are not in time order");
        assertEquals(3, MIXED.stream().filter(e -> "sudo".equals(e.program())).count());
    }

    /** A user's and a group's numeric ids are not fields of an event: they stay in the raw text. */
    @Test
    void namesTheApacheAccountAndGroupAndKeepsTheirIdsInTheRawText() {
        NormalizedEvent group = withAction(MIXED, EventAction.GroupCreated).get(0);
        NormalizedEvent user = withAction(MIXED, EventAction.AccountCreated).get(0);

        assertEquals("apache", group.group());
        assertTrue(group.raw().endsWith("new group: name=apache, GID=48"), group.raw());
        assertEquals("apache", user.account());
        assertTrue(user.raw().contains("name=apache, UID=48, GID=48,"), user.raw());
    }

    private static String pid(NormalizedEvent event) {
        Matcher pid = SSHD_PID.matcher(event.raw());
        return pid.find() ? pid.group(1) : null;
    }

    private static List<NormalizedEvent> withAction(List<NormalizedEvent> events, EventAction action) {
        return events.stream().filter(e -> e.action() == action).toList();
    }

    private static <K> Map<K, Long> countBy(List<NormalizedEvent> events, Function<NormalizedEvent, K> key) {
        return events.stream().collect(groupingBy(key, counting()));
    }

    private static List<NormalizedEvent> read(String name) {
        SyslogParser parser = new SyslogParser(ZoneOffset.UTC, RECEIVED);
        try (InputStream in = AuthLogFixtureTest.class.getResourceAsStream("/fixtures/linux/auth/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(line -> assertInstanceOf(SyslogResult.Accepted.class, parser.parse(line), line)
                            .event())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
