package io.vigil.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.alert.detection.Condition;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.EventField;
import io.vigil.alert.detection.RuleSettings;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import io.vigil.common.events.EventAction;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalogue entry: what a rule matches, how its alerts group, what it counts, and the threshold and window (ISO-8601)
 * it runs with in this deployment. {@code oneActionWhenEqual} names the fields that, equal on events at most a second
 * apart, make them one action counted once; {@code bruteForceRules} the rules whose threshold and window decide that
 * an address was brute-forcing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetectionRuleView(
        String ruleId,
        AlertType alertType,
        String displayName,
        String description,
        Severity severity,
        String intent,
        boolean enabled,
        int threshold,
        String window,
        Matches matches,
        List<String> groupBy,
        String counts,
        List<String> oneActionWhenEqual,
        List<String> bruteForceRules,
        EscalationView escalation,
        List<String> remediationSteps) {

    public static DetectionRuleView of(DetectionRule rule, RuleSettings settings) {
        List<String> groupBy = new ArrayList<>(List.of("machine"));
        if (rule.subject() != null) {
            groupBy.add(rule.subject().apiName());
        }
        return new DetectionRuleView(
                rule.ruleId(),
                rule.alertType(),
                rule.displayName(),
                rule.summary(),
                rule.severity(),
                rule.intent(),
                settings.enabled(),
                settings.threshold(),
                settings.window().toString(),
                new Matches(
                        rule.category().name(),
                        rule.actions().stream().map(EventAction::name).sorted().toList(),
                        rule.conditions().stream().map(ConditionView::of).toList()),
                groupBy,
                counts(rule),
                rule.sameAction().isEmpty()
                        ? null
                        : rule.sameAction().stream().map(EventField::apiName).toList(),
                rule.bruteForceRules().isEmpty() ? null : rule.bruteForceRules(),
                rule.escalation() == null
                        ? null
                        : new EscalationView(
                                rule.escalation().severity(),
                                ConditionView.of(rule.escalation().condition()),
                                rule.escalation().reason()),
                rule.remediationSteps());
    }

    private static String counts(DetectionRule rule) {
        if (rule.kind() == DetectionRule.Kind.LOGON_AFTER_FAILURES) {
            return "successful logons at most the window after the address reached a brute force rule's threshold";
        }
        return rule.distinctOf() == null
                ? "occurrences"
                : "distinct " + rule.distinctOf().apiName();
    }

    /** The events a rule looks at: every condition must hold. */
    public record Matches(String category, List<String> actions, List<ConditionView> conditions) {}

    public record ConditionView(String field, String operator, List<String> values) {

        static ConditionView of(Condition condition) {
            return new ConditionView(
                    condition.field().apiName(), condition.operator().apiName(), condition.values());
        }
    }

    /** A finding with an event that meets {@code when} gets {@code severity}. */
    public record EscalationView(Severity severity, ConditionView when, String reason) {}
}
