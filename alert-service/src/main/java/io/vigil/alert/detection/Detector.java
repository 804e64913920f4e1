package io.vigil.alert.detection;

import io.vigil.alert.model.Severity;
import io.vigil.common.events.EventAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Evaluates a rule over stored events. Only event time counts, and events are sorted (by time, then id) before they
 * are looked at, so the same events give the same findings whatever order they arrived in.
 *
 * <p>A window is anchored on each event and looks back {@code window} (both ends included); the first window whose
 * occurrences (or distinct values) reach the threshold triggers, and from its first event on every later event about
 * the same subject belongs to the finding.
 */
public final class Detector {

    private static final Comparator<ObservedEvent> BY_TIME =
            Comparator.comparing(ObservedEvent::time).thenComparing(ObservedEvent::id);

    private static final List<EventField> DESCRIBED = List.of(
            EventField.PROGRAM,
            EventField.SOURCE_ADDRESS,
            EventField.DESTINATION_PORT,
            EventField.ACCOUNT,
            EventField.GROUP,
            EventField.IMAGE,
            EventField.COMMAND_LINE,
            EventField.LOGON_TYPE,
            EventField.THREAT,
            EventField.FILE);

    private Detector() {}

    /**
     * One finding per machine and subject, ordered by machine and subject; a rule that reads other rules' values (the
     * brute force rules a successful logon is judged by) takes the catalogue's defaults for them.
     */
    public static List<Finding> evaluate(
            DetectionRule rule, RuleSettings settings, Collection<ObservedEvent> events, int evidencePerEnd) {
        Map<String, RuleSettings> all = new HashMap<>();
        Catalogue.RULES.forEach(each -> all.put(each.ruleId(), each.defaults()));
        all.put(rule.ruleId(), settings);
        return evaluate(rule, all, events, evidencePerEnd);
    }

    /**
     * One finding per machine and subject, ordered by machine and subject.
     *
     * @param settings the values every rule runs with, by rule id
     */
    public static List<Finding> evaluate(
            DetectionRule rule,
            Map<String, RuleSettings> settings,
            Collection<ObservedEvent> events,
            int evidencePerEnd) {
        RuleSettings own = settings.get(rule.ruleId());
        if (!own.enabled()) {
            return List.of();
        }
        Map<Key, List<ObservedEvent>> bySubject = new TreeMap<>();
        for (ObservedEvent event : events) {
            if (rule.matches(event)) {
                bySubject
                        .computeIfAbsent(new Key(event.machineKey(), rule.subjectOf(event)), k -> new ArrayList<>())
                        .add(event);
            }
        }
        List<Finding> findings = new ArrayList<>();
        bySubject.forEach((key, unsorted) -> {
            List<ObservedEvent> sorted =
                    oneEventPerAction(rule, unsorted.stream().sorted(BY_TIME).toList());
            Finding finding = rule.kind() == DetectionRule.Kind.WINDOW
                    ? inWindow(rule, own, key, sorted, evidencePerEnd)
                    : logonAfterBruteForce(rule, settings, key, sorted, evidencePerEnd);
            if (finding != null) {
                findings.add(finding);
            }
        });
        return findings;
    }

    /**
     * The events without those that only repeat an action already counted: equal in the rule's same-action fields to
     * a kept event at most {@link DetectionRule#SAME_ACTION_SPAN} before them.
     */
    private static List<ObservedEvent> oneEventPerAction(DetectionRule rule, List<ObservedEvent> sorted) {
        if (rule.sameAction().isEmpty()) {
            return sorted;
        }
        List<ObservedEvent> kept = new ArrayList<>();
        Map<List<String>, Instant> lastKept = new HashMap<>();
        for (ObservedEvent event : sorted) {
            List<String> action =
                    rule.sameAction().stream().map(field -> field.keyOf(event)).toList();
            Instant previous = lastKept.get(action);
            if (previous == null || event.time().isAfter(previous.plus(DetectionRule.SAME_ACTION_SPAN))) {
                kept.add(event);
                lastKept.put(action, event.time());
            }
        }
        return kept;
    }

    private static Finding inWindow(
            DetectionRule rule, RuleSettings settings, Key key, List<ObservedEvent> sorted, int evidencePerEnd) {
        Integer first = firstTriggeringWindowStart(rule, settings, sorted);
        if (first == null) {
            return null;
        }
        return finding(rule, key, sorted.subList(first, sorted.size()), 0, evidencePerEnd);
    }

    /** The index of the first event of the earliest window that reaches the threshold, or null when none does. */
    private static Integer firstTriggeringWindowStart(
            DetectionRule rule, RuleSettings settings, List<ObservedEvent> sorted) {
        Measure measure = new Measure(rule.distinctOf());
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            Instant windowStart = sorted.get(last).time().minus(settings.window());
            measure.add(sorted.get(last));
            while (sorted.get(first).time().isBefore(windowStart)) {
                measure.remove(sorted.get(first));
                first++;
            }
            if (measure.value() >= settings.threshold()) {
                return first;
            }
        }
        return null;
    }

    /**
     * The successful logons from the subject's address from the first one that came at most the window after the
     * address was brute-forcing: when its failed logons that one of the rule's brute force rules counts reached that
     * rule's threshold inside that rule's window (failures at the same second as the logon count as before it). The
     * threshold is the number of such logons it takes. The failures counted for the description are those of the
     * brute force rules inside the window before the first such logon.
     */
    private static Finding logonAfterBruteForce(
            DetectionRule rule,
            Map<String, RuleSettings> settings,
            Key key,
            List<ObservedEvent> sorted,
            int evidencePerEnd) {
        List<DetectionRule> bruteForce = rule.bruteForceRules().stream()
                .map(id -> Catalogue.find(id).orElseThrow())
                .toList();
        List<ObservedEvent> failures = sorted.stream()
                .filter(event -> event.action() == EventAction.LogonFailed
                        && bruteForce.stream().anyMatch(each -> each.matches(event)))
                .toList();
        List<ObservedEvent> successes = sorted.stream()
                .filter(event -> event.action() == EventAction.LogonSucceeded)
                .toList();
        TreeSet<Instant> bruteForcing = new TreeSet<>();
        for (DetectionRule each : bruteForce) {
            RuleSettings its = settings.getOrDefault(each.ruleId(), each.defaults());
            bruteForcing.addAll(
                    thresholdReached(failures.stream().filter(each::matches).toList(), its));
        }
        Duration window = settings.get(rule.ruleId()).window();
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < successes.size(); i++) {
            Instant at = successes.get(i).time();
            Instant latest = bruteForcing.floor(at);
            if (latest != null && !latest.isBefore(at.minus(window))) {
                after.add(i);
            }
        }
        if (after.size() < settings.get(rule.ruleId()).threshold()) {
            return null;
        }
        ObservedEvent first = successes.get(after.get(0));
        long precedingFailures = failures.stream()
                .filter(event -> !event.time().isAfter(first.time())
                        && !event.time().isBefore(first.time().minus(window)))
                .mapToLong(Detector::occurrences)
                .sum();
        return finding(rule, key, successes.subList(after.get(0), successes.size()), precedingFailures, evidencePerEnd);
    }

    /** The times of the failures at which the failures inside the window up to them reach the threshold. */
    private static List<Instant> thresholdReached(List<ObservedEvent> failures, RuleSettings settings) {
        List<Instant> reached = new ArrayList<>();
        int oldest = 0;
        long inWindow = 0;
        for (ObservedEvent failure : failures) {
            inWindow += occurrences(failure);
            while (failures.get(oldest).time().isBefore(failure.time().minus(settings.window()))) {
                inWindow -= occurrences(failures.get(oldest));
                oldest++;
            }
            if (inWindow >= settings.threshold()) {
                reached.add(failure.time());
            }
        }
        return reached;
    }

    private static Finding finding(
            DetectionRule rule, Key key, List<ObservedEvent> found, long precedingFailures, int evidencePerEnd) {
        long total = 0;
        Map<EventField, SortedSet<String>> seen = new EnumMap<>(EventField.class);
        Map<EventField, Map<String, String>> firstSpelling = new EnumMap<>(EventField.class);
        SortedMap<String, String> processes = new TreeMap<>();
        for (ObservedEvent event : found) {
            total += occurrences(event);
            String commandLine = EventField.COMMAND_LINE.of(event);
            if (commandLine != null
                    && !firstSpelling
                            .getOrDefault(EventField.COMMAND_LINE, Map.of())
                            .containsKey(commandLine.toLowerCase(Locale.ROOT))) {
                processes.put(commandLine, EventField.IMAGE.of(event));
            }
            describe(event, seen, firstSpelling);
        }
        Escalation escalation = rule.escalation();
        boolean escalated = escalation != null
                && found.stream().anyMatch(event -> escalation.condition().test(event));
        Severity severity = escalated ? escalation.severity() : rule.severity();
        return new Finding(
                key.machineKey(),
                key.subject(),
                found.get(0).time(),
                found.get(found.size() - 1).time(),
                total,
                severity,
                escalated ? escalation.reason() : null,
                seen,
                processes,
                precedingFailures,
                evidence(found, evidencePerEnd));
    }

    /**
     * Whether the rule's open findings can be {@linkplain #extend extended} by later events. It can when what its
     * finding adds up never depends on earlier events: a rule about a source address with no escalation and no lines
     * to merge into one action.
     */
    public static boolean extensible(DetectionRule rule) {
        return rule.subject() == EventField.SOURCE_ADDRESS
                && rule.escalation() == null
                && rule.sameAction().isEmpty();
    }

    /**
     * The finding an open alert's events give once {@code later} events, none before its end, join them: the same
     * finding {@link #evaluate} gives from all the events, since an alert's start never moves for events at or after
     * its end and every later event about the subject belongs to the finding. For a logon after failures only the later
     * successful logons belong; later failures change nothing. Null when no later event belongs.
     */
    public static Finding extend(DetectionRule rule, OpenFinding open, List<ObservedEvent> later, int evidencePerEnd) {
        List<ObservedEvent> joining = later.stream()
                .filter(event -> rule.matches(event) && rule.subjectOf(event).equals(open.subject()))
                .filter(event ->
                        rule.kind() == DetectionRule.Kind.WINDOW || event.action() == EventAction.LogonSucceeded)
                .sorted(BY_TIME)
                .toList();
        if (joining.isEmpty()) {
            return null;
        }
        Map<EventField, SortedSet<String>> seen = new EnumMap<>(EventField.class);
        Map<EventField, Map<String, String>> firstSpelling = new EnumMap<>(EventField.class);
        open.seen().forEach((field, values) -> {
            SortedSet<String> copy = emptyValues(field);
            copy.addAll(values);
            seen.put(field, copy);
            Map<String, String> spellings = new HashMap<>();
            values.forEach(value -> spellings.put(value.toLowerCase(Locale.ROOT), value));
            firstSpelling.put(field, spellings);
        });
        long total = open.eventCount();
        for (ObservedEvent event : joining) {
            total += occurrences(event);
            describe(event, seen, firstSpelling);
        }
        List<ObservedEvent> kept = new ArrayList<>();
        open.evidence().forEach((id, time) -> kept.add(evidenceEvent(id, time)));
        kept.addAll(joining);
        List<ObservedEvent> sorted = kept.stream().sorted(BY_TIME).toList();
        return new Finding(
                open.machineKey(),
                open.subject(),
                open.start(),
                joining.get(joining.size() - 1).time(),
                total,
                rule.severity(),
                null,
                seen,
                new TreeMap<>(),
                open.precedingFailures(),
                evidence(sorted, evidencePerEnd));
    }

    /** Adds the event's values of the described fields that were not seen before, in any spelling. */
    private static void describe(
            ObservedEvent event,
            Map<EventField, SortedSet<String>> seen,
            Map<EventField, Map<String, String>> firstSpelling) {
        for (EventField field : DESCRIBED) {
            String value = field.of(event);
            if (value != null) {
                String spelling = firstSpelling
                        .computeIfAbsent(field, f -> new HashMap<>())
                        .putIfAbsent(value.toLowerCase(Locale.ROOT), value);
                if (spelling == null) {
                    seen.computeIfAbsent(field, Detector::emptyValues).add(value);
                }
            }
        }
    }

    /** An evidence event known only by id and time: enough to order it among the others. */
    private static ObservedEvent evidenceEvent(UUID id, Instant time) {
        return new ObservedEvent(
                id, null, time, null, null, 1, null, null, null, null, null, null, null, null, null, null);
    }

    /** An empty set for a field's values, in the order they are listed: ports by number, the rest as text. */
    public static SortedSet<String> emptyValues(EventField field) {
        return field == EventField.DESTINATION_PORT
                ? new TreeSet<>(Comparator.comparingInt(Integer::parseInt))
                : new TreeSet<>();
    }

    /** The ids of the first and the latest events, oldest first. */
    private static List<UUID> evidence(List<ObservedEvent> found, int perEnd) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        found.subList(0, Math.min(perEnd, found.size())).forEach(event -> ids.add(event.id()));
        found.subList(Math.max(0, found.size() - perEnd), found.size()).forEach(event -> ids.add(event.id()));
        return List.copyOf(ids);
    }

    /** An entry that stands for N repeats counts N times; a missing count means one. */
    static long occurrences(ObservedEvent event) {
        return Math.max(1, event.count());
    }

    /** Occurrences inside the window, or the number of distinct values of one field there. */
    private static final class Measure {

        private final EventField distinctOf;
        private final Map<String, Integer> values = new HashMap<>();
        private long occurrences;

        Measure(EventField distinctOf) {
            this.distinctOf = distinctOf;
        }

        void add(ObservedEvent event) {
            if (distinctOf == null) {
                occurrences += occurrences(event);
            } else if (distinctOf.of(event) != null) {
                values.merge(distinctOf.keyOf(event), 1, Integer::sum);
            }
        }

        void remove(ObservedEvent event) {
            if (distinctOf == null) {
                occurrences -= occurrences(event);
            } else if (distinctOf.of(event) != null) {
                values.computeIfPresent(distinctOf.keyOf(event), (value, count) -> count == 1 ? null : count - 1);
            }
        }

        long value() {
            return distinctOf == null ? occurrences : values.size();
        }
    }

    private record Key(String machineKey, String subject) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int byMachine = machineKey.compareTo(other.machineKey);
            return byMachine != 0 ? byMachine : subject.compareTo(other.subject);
        }
    }
}
