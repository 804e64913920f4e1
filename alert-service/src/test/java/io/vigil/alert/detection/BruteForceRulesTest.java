package io.vigil.alert.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.alert.model.Severity;
import io.vigil.alert.support.AuthLogReader;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.Fixtures;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BruteForceRulesTest {

    private static final DetectionRule SSH =
            Catalogue.find(Catalogue.SSH_BRUTE_FORCE).orElseThrow();
    private static final DetectionRule RDP =
            Catalogue.find(Catalogue.RDP_BRUTE_FORCE).orElseThrow();
    private static final DetectionRule AFTER =
            Catalogue.find(Catalogue.SUCCESSFUL_LOGON_AFTER_BRUTE_FORCE).orElseThrow();
    private static final String MACHINE = "/subscriptions/sub-1/resourcegroups/rg/machines/host01";
    private static final String OTHER_MACHINE = "/subscriptions/sub-1/resourcegroups/rg/machines/host02";
    private static final String ATTACKER = "203.0.113.10";
    private static final Instant T0 = Instant.parse("2026-02-22T16:45:00Z");
    private static final String FIXTURE = "/fixtures/linux/auth/secure-rhel7.log";
    private static final String RDP_FIXTURE = "/events/windows/rdp-brute-force-then-logon.json";

    @Test
    void raisesWhenThresholdIsReachedInsideTheWindow() {
        List<ObservedEvent> events = failures(MACHINE, ATTACKER, 10, Duration.ofSeconds(20));

        Finding finding = single(evaluate(SSH, events));

        assertEquals(ATTACKER, finding.subject());
        assertEquals(MACHINE, finding.machineKey());
        assertEquals(10, finding.eventCount());
        assertEquals(T0, finding.start());
        assertEquals(T0.plusSeconds(180), finding.end());
        assertEquals(List.of("root"), List.copyOf(finding.seen(EventField.ACCOUNT)));
        assertEquals(Severity.Medium, finding.severity());
    }

    @Test
    void raisesNothingBelowTheThreshold() {
        assertTrue(evaluate(SSH, failures(MACHINE, ATTACKER, 9, Duration.ofSeconds(1)))
                .isEmpty());
    }

    @Test
    void raisesNothingWhenFailuresAreSpreadWiderThanTheWindow() {
        // One failure every 35 s: no 5-minute span holds more than 9.
        assertTrue(evaluate(SSH, failures(MACHINE, ATTACKER, 40, Duration.ofSeconds(35)))
                .isEmpty());
    }

    @Test
    void followsTheThresholdAndWindowItIsGiven() {
        List<ObservedEvent> events = failures(MACHINE, ATTACKER, 40, Duration.ofSeconds(35));

        Finding finding = single(Detector.evaluate(SSH, new RuleSettings(true, 3, Duration.ofMinutes(2)), events, 10));

        assertEquals(40, finding.eventCount());
    }

    @Test
    void countsFromTheFirstFailureOfTheTriggeringWindowOn() {
        List<ObservedEvent> events = new ArrayList<>();
        events.add(failure(MACHINE, ATTACKER, T0, "root", 1));
        events.addAll(failures(MACHINE, ATTACKER, 10, Duration.ofSeconds(5), T0.plus(Duration.ofHours(1))));
        events.add(failure(MACHINE, ATTACKER, T0.plus(Duration.ofHours(3)), "admin", 1));

        Finding finding = single(evaluate(SSH, events));

        assertEquals(11, finding.eventCount());
        assertEquals(T0.plus(Duration.ofHours(1)), finding.start());
        assertEquals(T0.plus(Duration.ofHours(3)), finding.end());
        assertEquals(List.of("admin", "root"), List.copyOf(finding.seen(EventField.ACCOUNT)));
    }

    @Test
    void countsARepeatedEntryAsManyTimesAsItRepeats() {
        List<ObservedEvent> events = List.of(
                failure(MACHINE, ATTACKER, T0, "root", 1), failure(MACHINE, ATTACKER, T0.plusSeconds(30), "root", 9));

        Finding finding = single(evaluate(SSH, events));

        assertEquals(10, finding.eventCount());
        assertEquals(T0, finding.start());
    }

    @Test
    void countsFailuresWithAnEmptyUserName() {
        List<ObservedEvent> events = new ArrayList<>(failures(MACHINE, ATTACKER, 9, Duration.ofSeconds(2)));
        events.add(failure(MACHINE, ATTACKER, T0.plusSeconds(60), "", 1));

        Finding finding = single(evaluate(SSH, events));

        assertEquals(10, finding.eventCount());
        assertEquals(List.of("root"), List.copyOf(finding.seen(EventField.ACCOUNT)));
    }

    @Test
    void givesTheSameFindingsWhateverOrderTheEventsArriveIn() {
        List<ObservedEvent> events = Fixtures.observed(MACHINE, AuthLogReader.read(FIXTURE));
        for (DetectionRule rule : List.of(SSH, AFTER)) {
            List<Finding> inOrder = evaluate(rule, events);
            for (long seed = 1; seed <= 5; seed++) {
                List<ObservedEvent> shuffled = new ArrayList<>(events);
                Collections.shuffle(shuffled, new Random(seed));
                assertEquals(inOrder, evaluate(rule, shuffled));
            }
        }
    }

    @Test
    void groupsIpv6SourcesWhateverTheirSpelling() {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(failure(MACHINE, "2001:DB8::1", T0.plusSeconds(i), "root", 1));
            events.add(failure(MACHINE, "2001:db8:0:0:0:0:0:1", T0.plusSeconds(10 + i), "root", 1));
        }

        Finding finding = single(evaluate(SSH, events));

        assertEquals("2001:db8::1", finding.subject());
        assertEquals(10, finding.eventCount());
    }

    @Test
    void keepsMachinesAndSourcesApart() {
        List<ObservedEvent> events = new ArrayList<>();
        events.addAll(failures(MACHINE, ATTACKER, 5, Duration.ofSeconds(1)));
        events.addAll(failures(OTHER_MACHINE, ATTACKER, 5, Duration.ofSeconds(1)));
        events.addAll(failures(MACHINE, "203.0.113.20", 5, Duration.ofSeconds(1)));

        assertTrue(evaluate(SSH, events).isEmpty());
    }

    @Test
    void ignoresSuccessfulLogons() {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(Fixtures.observed(MACHINE, Events.successfulLogon(T0.plusSeconds(i), ATTACKER, "root")));
        }

        assertTrue(evaluate(SSH, events).isEmpty());
    }

    @Test
    void raisesNothingWhenTheRuleIsDisabled() {
        RuleSettings disabled = new RuleSettings(false, 10, Duration.ofMinutes(5));

        assertTrue(Detector.evaluate(SSH, disabled, failures(MACHINE, ATTACKER, 50, Duration.ZERO), 10)
                .isEmpty());
    }

    @Test
    void findsTheThreeAttackersOfTheRhelSecureLogAndNoSuccessfulLogonAfterThem() {
        List<ObservedEvent> events = Fixtures.observed(MACHINE, AuthLogReader.read(FIXTURE));

        List<Finding> findings = evaluate(SSH, events);

        assertEquals(3, findings.size());
        assertFinding(findings.get(0), "203.0.113.10", 213, "16:45:20", "17:04:48");
        assertFinding(findings.get(1), "203.0.113.20", 61, "16:45:57", "17:04:41");
        assertFinding(findings.get(2), "203.0.113.30", 78, "16:59:17", "17:04:44");
        assertTrue(evaluate(RDP, events).isEmpty());
        assertTrue(evaluate(AFTER, events).isEmpty(), "the successful logons came from other addresses");
    }

    @Test
    void keepsTheFirstAndLatestEventsAsEvidence() {
        List<ObservedEvent> events = failures(MACHINE, ATTACKER, 30, Duration.ofSeconds(1));

        Finding finding = single(Detector.evaluate(SSH, SSH.defaults(), events, 3));

        assertEquals(
                List.of(0, 1, 2, 27, 28, 29),
                finding.evidence().stream()
                        .map(id ->
                                events.stream().map(ObservedEvent::id).toList().indexOf(id))
                        .toList());
    }

    @Test
    void raisesRdpBruteForceForNetworkAndRemoteInteractiveLogonsOnly() {
        List<ObservedEvent> events = Fixtures.observed(MACHINE, Fixtures.events(RDP_FIXTURE));

        Finding finding = single(evaluate(RDP, events));

        assertEquals("198.51.100.77", finding.subject());
        assertEquals(12, finding.eventCount());
        assertEquals(List.of("10", "3"), List.copyOf(finding.seen(EventField.LOGON_TYPE)));
        assertEquals(List.of("Administrator", "admin"), List.copyOf(finding.seen(EventField.ACCOUNT)));
        assertTrue(evaluate(SSH, events).isEmpty());
    }

    @Test
    void raisesASuccessfulLogonAfterTheBruteForceFromTheSameSource() {
        List<ObservedEvent> events = Fixtures.observed(MACHINE, Fixtures.events(RDP_FIXTURE));

        Finding finding = single(evaluate(AFTER, events));

        assertEquals("198.51.100.77", finding.subject());
        assertEquals(1, finding.eventCount());
        assertEquals(12, finding.precedingFailures());
        assertEquals(Instant.parse("2026-11-29T03:14:40Z"), finding.start());
        assertEquals(List.of("Administrator"), List.copyOf(finding.seen(EventField.ACCOUNT)));
        assertEquals(Severity.High, finding.severity());
    }

    @Test
    void raisesNoSuccessfulLogonWhenTheFailuresEndedLongerThanTheWindowBefore() {
        List<ObservedEvent> events = new ArrayList<>(failures(MACHINE, ATTACKER, 10, Duration.ofSeconds(1)));
        events.add(
                Fixtures.observed(MACHINE, Events.successfulLogon(T0.plus(Duration.ofMinutes(61)), ATTACKER, "root")));

        assertTrue(evaluate(AFTER, events).isEmpty());
    }

    @Test
    void judgesTheSuccessfulLogonByTheBruteForceRulesThresholdAndWindowItIsGiven() {
        List<ObservedEvent> events = new ArrayList<>(failures(MACHINE, ATTACKER, 6, Duration.ofSeconds(5)));
        events.add(Fixtures.observed(MACHINE, Events.successfulLogon(T0.plusSeconds(40), ATTACKER, "root")));
        Map<String, RuleSettings> lowered = defaults();
        lowered.put(SSH.ruleId(), new RuleSettings(true, 5, Duration.ofMinutes(1)));
        Map<String, RuleSettings> narrowed = defaults();
        narrowed.put(SSH.ruleId(), new RuleSettings(true, 5, Duration.ofSeconds(10)));
        Map<String, RuleSettings> disabled = defaults();
        disabled.put(SSH.ruleId(), new RuleSettings(false, 5, Duration.ofMinutes(1)));

        assertTrue(evaluate(AFTER, events).isEmpty(), "6 failures are below the default threshold of 10");
        Finding finding = single(Detector.evaluate(AFTER, lowered, events, 10));
        assertEquals(6, finding.precedingFailures());
        assertEquals(T0.plusSeconds(40), finding.start());
        assertTrue(Detector.evaluate(AFTER, narrowed, events, 10).isEmpty(), "never 5 failures inside 10 s");
        assertEquals(
                1,
                Detector.evaluate(AFTER, disabled, events, 10).size(),
                "a brute force rule switched off still says what brute-forcing is");
    }

    @Test
    void countsOnlyTheFailuresABruteForceRuleCountsBeforeASuccessfulLogon() {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(windowsFailure(T0.plusSeconds(i), "2"));
        }
        events.add(Fixtures.observed(MACHINE, Events.successfulLogon(T0.plusSeconds(30), ATTACKER, "admin")));

        assertTrue(evaluate(RDP, events).isEmpty());
        assertTrue(evaluate(AFTER, events).isEmpty(), "interactive logons (type 2) are no RDP brute force");
        events.add(windowsFailure(T0.plusSeconds(12), "10"));
        assertTrue(evaluate(AFTER, events).isEmpty(), "one remote interactive failure is not ten");
    }

    @Test
    void raisesOnlyFromTheThresholdOfSuccessfulLogonsItIsGiven() {
        List<ObservedEvent> events = new ArrayList<>(failures(MACHINE, ATTACKER, 10, Duration.ofSeconds(1)));
        events.add(Fixtures.observed(MACHINE, Events.successfulLogon(T0.plusSeconds(20), ATTACKER, "root")));
        Map<String, RuleSettings> twoLogons = defaults();
        twoLogons.put(AFTER.ruleId(), new RuleSettings(true, 2, Duration.ofHours(1)));

        assertTrue(Detector.evaluate(AFTER, twoLogons, events, 10).isEmpty());
        events.add(Fixtures.observed(MACHINE, Events.successfulLogon(T0.plusSeconds(50), ATTACKER, "root")));
        assertEquals(2, single(Detector.evaluate(AFTER, twoLogons, events, 10)).eventCount());
    }

    private static Map<String, RuleSettings> defaults() {
        Map<String, RuleSettings> settings = new HashMap<>();
        Catalogue.RULES.forEach(rule -> settings.put(rule.ruleId(), rule.defaults()));
        return settings;
    }

    private static ObservedEvent windowsFailure(Instant time, String logonType) {
        return new ObservedEvent(
                UUID.randomUUID(),
                MACHINE,
                time,
                EventCategory.Authentication,
                EventAction.LogonFailed,
                1,
                "Microsoft-Windows-Security-Auditing",
                ATTACKER,
                null,
                "admin",
                null,
                null,
                null,
                logonType,
                null,
                null);
    }

    private static List<Finding> evaluate(DetectionRule rule, List<ObservedEvent> events) {
        return Detector.evaluate(rule, rule.defaults(), events, 10);
    }

    private static void assertFinding(Finding finding, String source, long count, String first, String last) {
        String day = AuthLogReader.FIXTURE_YEAR + "-02-22T";
        assertEquals(source, finding.subject());
        assertEquals(count, finding.eventCount());
        assertEquals(Instant.parse(day + first + "Z"), finding.start());
        assertEquals(Instant.parse(day + last + "Z"), finding.end());
        assertEquals(List.of("root"), List.copyOf(finding.seen(EventField.ACCOUNT)));
    }

    static Finding single(List<Finding> findings) {
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
        return Fixtures.observed(machine, Events.failedLogon(time, source, account, count));
    }
}
