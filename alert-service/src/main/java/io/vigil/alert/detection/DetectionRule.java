package io.vigil.alert.detection;

import java.time.Duration;

/**
 * A detection's tunable data: how many occurrences inside what span raise an alert. Kept apart from the code that
 * evaluates it so operators change thresholds without touching the logic.
 */
public record DetectionRule(String ruleId, boolean enabled, int threshold, Duration window) {

    public DetectionRule {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold of " + ruleId + " must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window of " + ruleId + " must be a positive duration");
        }
    }
}
