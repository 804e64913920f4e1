package io.vigil.alert.detection;

import io.vigil.alert.model.Severity;

/** A finding with an event that meets {@code condition} is more serious than the rule's usual severity. */
public record Escalation(Condition condition, Severity severity, String reason) {}
