package io.vigil.alert.model;

import io.vigil.alert.detection.RuleSettings;
import java.time.Duration;
import java.time.Instant;

/** A subscription's values for one rule; a null value keeps the deployment's. */
public record RuleOverride(Boolean enabled, Integer threshold, Duration window, String updatedBy, Instant updatedAt) {

    public RuleSettings applyTo(RuleSettings deployed) {
        return new RuleSettings(
                enabled != null ? enabled : deployed.enabled(),
                threshold != null ? threshold : deployed.threshold(),
                window != null ? window : deployed.window());
    }
}
