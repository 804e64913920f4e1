package io.vigil.alert.ingest;

import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.ObservedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one delivery brought for one machine, by rule and subject: the events it newly stored. A subject can also be
 * touched without known arrivals (an endpoint protection report that took a switch-off back): its rule then looks at
 * every stored event about it again.
 */
final class Arrivals {

    private final Map<String, Map<String, List<ObservedEvent>>> byRule = new LinkedHashMap<>();
    private final Map<String, Set<String>> unknown = new LinkedHashMap<>();

    void add(DetectionRule rule, ObservedEvent event) {
        byRule.computeIfAbsent(rule.ruleId(), id -> new LinkedHashMap<>())
                .computeIfAbsent(rule.subjectOf(event), subject -> new ArrayList<>())
                .add(event);
    }

    void touch(String ruleId, String subject) {
        unknown.computeIfAbsent(ruleId, id -> new LinkedHashSet<>()).add(subject);
    }

    boolean touches(String ruleId) {
        return byRule.containsKey(ruleId) || unknown.containsKey(ruleId);
    }

    /** The subjects of the rule that the delivery touched. */
    Set<String> subjects(String ruleId) {
        Set<String> subjects =
                new LinkedHashSet<>(byRule.getOrDefault(ruleId, Map.of()).keySet());
        subjects.addAll(unknown.getOrDefault(ruleId, Set.of()));
        return subjects;
    }

    /** The events newly stored about the subject, or null when what arrived is not known. */
    List<ObservedEvent> of(String ruleId, String subject) {
        if (unknown.getOrDefault(ruleId, Set.of()).contains(subject)) {
            return null;
        }
        return byRule.getOrDefault(ruleId, Map.of()).getOrDefault(subject, List.of());
    }
}
