package io.vigil.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.RuleSettings;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.RuleOverride;
import java.time.Instant;

/**
 * A rule as one subscription runs it: the values in force, the deployment's values beneath them, and the
 * subscription's own (null where it keeps the deployment's), with who set them and when.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionRuleView(
        String ruleId,
        AlertType alertType,
        boolean enabled,
        int threshold,
        String window,
        Values defaults,
        Values overrides,
        String updatedBy,
        Instant updatedAt) {

    public static SubscriptionRuleView of(DetectionRule rule, RuleSettings deployed, RuleOverride override) {
        RuleSettings effective = override == null ? deployed : override.applyTo(deployed);
        return new SubscriptionRuleView(
                rule.ruleId(),
                rule.alertType(),
                effective.enabled(),
                effective.threshold(),
                effective.window().toString(),
                new Values(
                        deployed.enabled(),
                        deployed.threshold(),
                        deployed.window().toString()),
                override == null
                        ? null
                        : new Values(
                                override.enabled(),
                                override.threshold(),
                                override.window() == null
                                        ? null
                                        : override.window().toString()),
                override == null ? null : override.updatedBy(),
                override == null ? null : override.updatedAt());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Values(Boolean enabled, Integer threshold, String window) {}
}
