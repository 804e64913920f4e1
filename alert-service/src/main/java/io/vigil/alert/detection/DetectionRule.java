package io.vigil.alert.detection;

import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A rule of the catalogue: the events it looks at (category, actions and conditions on their fields), what an alert is
 * about ({@code subject}: null for the machine itself), what it counts, its defaults, and what the alert says.
 *
 * @param kind how the matched events are weighed
 * @param distinctOf null to count occurrences; otherwise the field whose distinct values are counted
 * @param sameAction fields that, equal on events at most {@link #SAME_ACTION_SPAN} apart, make those events one
 *     action, counted once (a tool that writes two lines for one change); empty when every event counts
 * @param bruteForceRules for {@link Kind#LOGON_AFTER_FAILURES}: the rules whose threshold and window, as the
 *     subscription runs them, decide that an address was brute-forcing; empty for other kinds
 */
public record DetectionRule(
        String ruleId,
        AlertType alertType,
        String displayName,
        String summary,
        Severity severity,
        String intent,
        Kind kind,
        EventCategory category,
        Set<EventAction> actions,
        List<Condition> conditions,
        EventField subject,
        EventField distinctOf,
        RuleSettings defaults,
        Escalation escalation,
        List<EventField> sameAction,
        List<String> bruteForceRules,
        List<String> remediationSteps) {

    /** How far apart the lines of one action may be. */
    public static final Duration SAME_ACTION_SPAN = Duration.ofSeconds(1);

    public enum Kind {
        /** The threshold reached inside the window raises the alert. */
        WINDOW,
        /**
         * A successful logon from an address that, inside the window before it, reached the threshold of one of the
         * {@code bruteForceRules}.
         */
        LOGON_AFTER_FAILURES
    }

    public DetectionRule {
        actions = Set.copyOf(actions);
        conditions = List.copyOf(conditions);
        sameAction = List.copyOf(sameAction);
        bruteForceRules = List.copyOf(bruteForceRules);
        remediationSteps = List.copyOf(remediationSteps);
    }

    /** Whether the rule looks at this event. An event without a source address cannot be pinned on a source. */
    public boolean matches(ObservedEvent event) {
        if (event.category() != category || !actions.contains(event.action())) {
            return false;
        }
        if (subject == EventField.SOURCE_ADDRESS && subject.of(event) == null) {
            return false;
        }
        for (Condition condition : conditions) {
            if (!condition.test(event)) {
                return false;
            }
        }
        return true;
    }

    /** What the alert raised from this event would be about on its machine; empty for the machine itself. */
    public String subjectOf(ObservedEvent event) {
        return subject == null ? "" : subject.keyOf(event);
    }
}
