package io.vigil.alert.api;

import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import java.util.List;
import java.util.Map;

/** A catalogue entry: what a rule matches, how it groups, and its current threshold and window (ISO-8601). */
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
        Map<String, String> matches,
        List<String> groupBy) {}
