package io.vigil.alert.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An open alert extended by events after its end holds what judging all its events again gives: the same start, end,
 * count, named values, failures before a logon, and evidence.
 */
class ExtendedFindingTest {

    private static final String MACHINE = "/subscriptions/sub-1/resourcegroups/rg/machines/host01";
    private static final String SOURCE = "203.0.113.10";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final int EVIDENCE_PER_END = 3;
    private static final List<String> ACCOUNTS = List.of("root", "admin", "Admin", "oracle", "ubuntu", "ROOT", "");

    @Test
    void onlyRulesAboutASourceAddressWithoutEscalationAreExtended() {
        assertTrue(Detector.extensible(rule(Catalogue.SSH_BRUTE_FORCE)));
        assertTrue(Detector.extensible(rule(Catalogue.RDP_BRUTE_FORCE)));
        assertTrue(Detector.extensible(rule(Catalogue.SUCCESSFUL_LOGON_AFTER_BRUTE_FORCE)));
        assertTrue(Detector.extensible(rule(Catalogue.PORT_SCAN)));
        assertFalse(Detector.extensible(rule(Catalogue.ACCOUNT_ADDED_TO_ADMINISTRATORS)));
        assertFalse(Detector.extensible(rule(Catalogue.MALWARE_DETECTED)));
    }

    @Test
    void anSshBruteForceExtendedDeliveryByDeliveryEqualsItJudgedWhole() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            assertExtendsAsJudgedWhole(rule(Catalogue.SSH_BRUTE_FORCE), sshFailures(random, 400), random);
        }
    }

    /**
     * Syslog stamps lines to the second: a delivery often begins at the very second the open alert ends. Extended, the
     * alert holds the same values; of a value written in two cases in the same second it keeps the spelling that
     * arrived first, where the whole judgment would take the one that sorts first.
     */
    @Test
    void anSshBruteForceOfLinesStampedToTheSecondExtendedDeliveryByDeliveryEqualsItJudgedWhole() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<ObservedEvent> events = new ArrayList<>();
            Instant time = T0;
            for (int i = 0; i < 400; i++) {
                time = time.plusSeconds(random.nextInt(4) == 0 ? 1 : 0);
                events.add(sshFailure(time, random));
            }
            assertExtendsAsJudgedWhole(rule(Catalogue.SSH_BRUTE_FORCE), events, random, true);
        }
    }

    @Test
    void aPortScanExtendedDeliveryByDeliveryEqualsItJudgedWhole() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<ObservedEvent> events = new ArrayList<>();
            Instant time = T0;
            for (int i = 0; i < 300; i++) {
                time = time.plusMillis(1 + random.nextInt(2000));
                events.add(event(
                        time,
                        EventCategory.Firewall,
                        EventAction.ConnectionBlocked,
                        1,
                        null,
                        1 + random.nextInt(500),
                        null));
            }
            assertExtendsAsJudgedWhole(rule(Catalogue.PORT_SCAN), events, random);
        }
    }

    @Test
    void logonsAfterABruteForceExtendedDeliveryByDeliveryEqualJudgedWhole() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<ObservedEvent> events = new ArrayList<>(sshFailures(random, 200));
            Instant time = events.get(events.size() - 1).time();
            for (int i = 0; i < 60; i++) {
                time = time.plusMillis(1 + random.nextInt(90_000));
                events.add(
                        random.nextInt(3) == 0
                                ? event(
                                        time,
                                        EventCategory.Authentication,
                                        EventAction.LogonSucceeded,
                                        1,
                                        "sshd",
                                        null,
                                        ACCOUNTS.get(random.nextInt(ACCOUNTS.size())))
                                : sshFailure(time, random));
            }
            assertExtendsAsJudgedWhole(rule(Catalogue.SUCCESSFUL_LOGON_AFTER_BRUTE_FORCE), events, random);
        }
    }

    @Test
    void laterFailuresLeaveALogonAfterABruteForceAsItWas() {
        DetectionRule after = rule(Catalogue.SUCCESSFUL_LOGON_AFTER_BRUTE_FORCE);
        List<ObservedEvent> events = new ArrayList<>(sshFailures(new Random(7), 30));
        Instant last = events.get(events.size() - 1).time();
        events.add(event(
                last.plusSeconds(5),
                EventCategory.Authentication,
                EventAction.LogonSucceeded,
                1,
                "sshd",
                null,
                "root"));
        Finding whole = single(after, events);

        Finding extended = Detector.extend(
                after, open(whole, events), List.of(sshFailure(last.plusSeconds(60), new Random(1))), EVIDENCE_PER_END);

        assertNull(extended);
    }

    /**
     * Cuts the events (in time order) into deliveries at random places, extends the open finding by each delivery, and
     * compares it with the events so far judged whole.
     */
    private static void assertExtendsAsJudgedWhole(DetectionRule rule, List<ObservedEvent> events, Random random) {
        assertExtendsAsJudgedWhole(rule, events, random, false);
    }

    private static void assertExtendsAsJudgedWhole(
            DetectionRule rule, List<ObservedEvent> events, Random random, boolean spellingsMayDiffer) {
        Map<String, RuleSettings> settings = defaults();
        int from = 1;
        Finding current = null;
        while (current == null && from <= events.size()) {
            List<Finding> found = Detector.evaluate(rule, settings, events.subList(0, from), EVIDENCE_PER_END);
            current = found.isEmpty() ? null : found.get(0);
            from++;
        }
        assertTrue(current != null, "the events raise a finding");
        from--;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(40));
            Finding extended = Detector.extend(
                    rule, open(current, events.subList(0, from)), events.subList(from, to), EVIDENCE_PER_END);
            Finding whole = single(rule, events.subList(0, to));
            assertSame(whole, extended == null ? current : extended, spellingsMayDiffer);
            current = whole;
            from = to;
        }
    }

    private static void assertSame(Finding expected, Finding actual, boolean spellingsMayDiffer) {
        assertEquals(expected.start(), actual.start());
        assertEquals(expected.end(), actual.end());
        assertEquals(expected.eventCount(), actual.eventCount());
        assertEquals(expected.severity(), actual.severity());
        assertEquals(
                spellingsMayDiffer ? lowerCase(expected.seen()) : expected.seen(),
                spellingsMayDiffer ? lowerCase(actual.seen()) : actual.seen());
        assertEquals(expected.precedingFailures(), actual.precedingFailures());
        assertEquals(expected.evidence(), actual.evidence());
    }

    private static Map<EventField, Set<String>> lowerCase(Map<EventField, ? extends Collection<String>> seen) {
        Map<EventField, Set<String>> lower = new HashMap<>();
        seen.forEach((field, values) -> lower.put(
                field,
                values.stream().map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toSet())));
        return lower;
    }

    /** What an alert keeps of a finding: its values and, as evidence, its events' ids with their times. */
    private static OpenFinding open(Finding finding, List<ObservedEvent> events) {
        Map<UUID, Instant> times = new HashMap<>();
        events.forEach(event -> times.put(event.id(), event.time()));
        Map<UUID, Instant> evidence = new LinkedHashMap<>();
        finding.evidence().forEach(id -> evidence.put(id, times.get(id)));
        return new OpenFinding(
                finding.machineKey(),
                finding.subject(),
                finding.start(),
                finding.end(),
                finding.eventCount(),
                finding.seen(),
                finding.precedingFailures(),
                evidence);
    }

    private static Finding single(DetectionRule rule, List<ObservedEvent> events) {
        List<Finding> found = Detector.evaluate(rule, defaults(), events, EVIDENCE_PER_END);
        assertEquals(1, found.size());
        return found.get(0);
    }

    private static List<ObservedEvent> sshFailures(Random random, int count) {
        List<ObservedEvent> events = new ArrayList<>();
        Instant time = T0;
        for (int i = 0; i < count; i++) {
            // Some at the same second, some far apart: windows open and close.
            time = time.plusMillis(1 + (random.nextInt(10) == 0 ? 400_000 : random.nextInt(3000)));
            events.add(sshFailure(time, random));
        }
        return events;
    }

    private static ObservedEvent sshFailure(Instant time, Random random) {
        return event(
                time,
                EventCategory.Authentication,
                EventAction.LogonFailed,
                1 + (random.nextInt(8) == 0 ? 3 : 0),
                "sshd",
                null,
                ACCOUNTS.get(random.nextInt(ACCOUNTS.size())));
    }

    private static ObservedEvent event(
            Instant time,
            EventCategory category,
            EventAction action,
            int count,
            String program,
            Integer port,
            String account) {
        return new ObservedEvent(
                UUID.randomUUID(),
                MACHINE,
                time,
                category,
                action,
                count,
                program,
                SOURCE,
                port,
                account == null || account.isEmpty() ? null : account,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Map<String, RuleSettings> defaults() {
        Map<String, RuleSettings> settings = new HashMap<>();
        Catalogue.RULES.forEach(rule -> settings.put(rule.ruleId(), rule.defaults()));
        return settings;
    }

    private static DetectionRule rule(String id) {
        return Catalogue.find(id).orElseThrow();
    }
}
