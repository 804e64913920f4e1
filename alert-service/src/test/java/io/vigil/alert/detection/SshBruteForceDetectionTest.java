package io.vigil.alert.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.alert.support.Events;
import io.vigil.alert.support.FailedPasswordReader;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SshBruteForceDetectionTest {

    private static final DetectionRule RULE =
            new DetectionRule(SshBruteForceDetection.RULE_ID, true, 10, Duration.ofMinutes(5));
    private static final String MACHINE = "/subscriptions/sub-1/resourcegroups/rg/machines/host01";
    private static final String OTHER_MACHINE = "/subscriptions/sub-1/resourcegroups/rg/machines/host02";
    private static final String ATTACKER = "203.0.113.10";
    private static final Instant T0 = Instant.parse("2026-02-22T16:45:00Z");
    private static final String FIXTURE = "/fixtures/linux/auth/secure-rhel7.log";

    @Test
    void raisesWhenThresholdIsReachedInsideTheWindow() {
        List<ObservedEvent> events = failures(MACHINE, ATTACKER, 10, Duration.ofSeconds(20));

        List<BruteForceFinding> findings = SshBruteForceDetection.evaluate(RULE, events);

        assertEquals(1, findings.size());
        BruteForceFinding finding = findings.get(0);
        assertEquals(ATTACKER, finding.sourceAddress());
        assertEquals(MACHINE, finding.machineKey());
        assertEquals(10, finding.eventCount());
        assertEquals(T0, finding.start());
        assertEquals(T0.plusSeconds(180), finding.end());
        assertEquals(List.of("root"), finding.accounts());
    }

    @Test
    void raisesNothingBelowTheThreshold() {
        List<ObservedEvent> events = failures(MACHINE, ATTACKER, 9, Duration.ofSeconds(1));

        assertTrue(SshBruteForceDetection.evaluate(RULE, events).isEmpty());
    }

    @Test
    void raisesNothingWhenFailuresAreSpreadWiderThanTheWindow() {
        // One failure every 35 s: no 5-minute span holds more than 9.
        List<ObservedEvent> events = failures(MACHINE, ATTACKER, 40, Duration.ofSeconds(35));

        assertTrue(SshBruteForceDetection.evaluate(RULE, events).isEmpty());
    }

    @Test
    void countsFromTheFirstFailureOfTheTriggeringWindowOn() {
        List<ObservedEvent> events = new ArrayList<>();
        events.add(failure(MACHINE, ATTACKER, T0, "root", 1));
        events.addAll(failures(MACHINE, ATTACKER, 10, Duration.ofSeconds(5), T0.plus(Duration.ofHours(1))));
        events.add(failure(MACHINE, ATTACKER, T0.plus(Duration.ofHours(3)), "admin", 1));

        BruteForceFinding finding = single(SshBruteForceDetection.evaluate(RULE, events));

        assertEquals(11, finding.eventCount());
        assertEquals(T0.plus(Duration.ofHours(1)), finding.start());
        assertEquals(T0.plus(Duration.ofHours(3)), finding.end());
        assertEquals(List.of("admin", "root"), finding.accounts());
    }

    @Test
    void countsARepeatedEntryAsManyTimesAsItRepeats() {
        List<ObservedEvent> events = List.of(
                failure(MACHINE, ATTACKER, T0, "root", 1), failure(MACHINE, ATTACKER, T0.plusSeconds(30), "root", 9));

        BruteForceFinding finding = single(SshBruteForceDetection.evaluate(RULE, events));

        assertEquals(10, finding.eventCount());
        assertEquals(T0, finding.start());
    }

    @Test
    void countsFailuresWithAnEmptyUserName() {
        List<ObservedEvent> events = new ArrayList<>(failures(MACHINE, ATTACKER, 9, Duration.ofSeconds(2)));
        events.add(failure(MACHINE, ATTACKER, T0.plusSeconds(60), "", 1));

        BruteForceFinding finding = single(SshBruteForceDetection.evaluate(RULE, events));

        assertEquals(10, finding.eventCount());
        assertEquals(List.of("root"), finding.accounts());
    }

    @Test
    void givesTheSameFindingsWhateverOrderTheEventsArriveIn() {
        List<ObservedEvent> events = fixtureEvents();
        List<BruteForceFinding> inOrder = SshBruteForceDetection.evaluate(RULE, events);

        for (long seed = 1; seed <= 5; seed++) {
            List<ObservedEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(inOrder, SshBruteForceDetection.evaluate(RULE, shuffled));
        }
    }

    @Test
    void groupsIpv6SourcesWhateverTheirSpelling() {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(failure(MACHINE, "2001:DB8::1", T0.plusSeconds(i), "root", 1));
            events.add(failure(MACHINE, "2001:db8:0:0:0:0:0:1", T0.plusSeconds(10 + i), "root", 1));
        }

        BruteForceFinding finding = single(SshBruteForceDetection.evaluate(RULE, events));

        assertEquals("2001:db8::1", finding.sourceAddress());
        assertEquals(10, finding.eventCount());
    }

    @Test
    void keepsMachinesAndSourcesApart() {
        List<ObservedEvent> events = new ArrayList<>();
        events.addAll(failures(MACHINE, ATTACKER, 5, Duration.ofSeconds(1)));
        events.addAll(failures(OTHER_MACHINE, ATTACKER, 5, Duration.ofSeconds(1)));
        events.addAll(failures(MACHINE, "203.0.113.20", 5, Duration.ofSeconds(1)));

        assertTrue(SshBruteForceDetection.evaluate(RULE, events).isEmpty());
    }

    @Test
    void ignoresEventsThatAreNotFailedLogons() {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(new ObservedEvent(
                    MACHINE,
                    T0.plusSeconds(i),
                    EventCategory.Authentication,
                    EventAction.LogonSucceeded,
                    1,
                    ATTACKER,
                    "root"));
        }

        assertTrue(SshBruteForceDetection.evaluate(RULE, events).isEmpty());
    }

    @Test
    void raisesNothingWhenTheRuleIsDisabled() {
        DetectionRule disabled = new DetectionRule(RULE.ruleId(), false, RULE.threshold(), RULE.window());

        assertTrue(SshBruteForceDetection.evaluate(disabled, failures(MACHINE, ATTACKER, 50, Duration.ZERO))
                .isEmpty());
    }

    @Test
    void findsTheThreeAttackersOfTheRhelSecureLog() {
        List<BruteForceFinding> findings = SshBruteForceDetection.evaluate(RULE, fixtureEvents());

        assertEquals(3, findings.size());
        assertFinding(findings.get(0), "203.0.113.10", 213, "16:45:20", "17:04:48");
        assertFinding(findings.get(1), "203.0.113.20", 61, "16:45:57", "17:04:41");
        assertFinding(findings.get(2), "203.0.113.30", 78, "16:59:17", "17:04:44");
    }

    private static void assertFinding(BruteForceFinding finding, String source, long count, String first, String last) {
        String day = FailedPasswordReader.FIXTURE_YEAR + "-02-22T";
        assertEquals(source, finding.sourceAddress());
        assertEquals(count, finding.eventCount());
        assertEquals(Instant.parse(day + first + "Z"), finding.start());
        assertEquals(Instant.parse(day + last + "Z"), finding.end());
        assertEquals(List.of("root"), finding.accounts());
    }

    private static List<ObservedEvent> fixtureEvents() {
        return FailedPasswordReader.read(FIXTURE).stream()
                .map(SshBruteForceDetectionTest::observed)
                .toList();
    }

    private static ObservedEvent observed(NormalizedEvent event) {
        return new ObservedEvent(
                MACHINE,
                event.time(),
                event.category(),
                event.action(),
                event.count(),
                event.sourceAddress(),
                event.account());
    }

    private static BruteForceFinding single(List<BruteForceFinding> findings) {
        assertEquals(1, findings.size(), "findings: " + findings);
        return findings.get(0);
    }

    private static List<ObservedEvent> failures(String machine, String source, int count, Duration step) {
        return failures(machine, source, count, step, T0);
    }

    private static List<ObservedEvent> failures(
            String machine, String source, int count, Duration step, Instant first) {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(failure(machine, source, first.plus(step.multipliedBy(i)), "root", 1));
        }
        return events;
    }

    private static ObservedEvent failure(String machine, String source, Instant time, String account, int count) {
        NormalizedEvent event = Events.failedLogon(time, source, account, count);
        return new ObservedEvent(
                machine,
                event.time(),
                event.category(),
                event.action(),
                event.count(),
                event.sourceAddress(),
                event.account());
    }
}
