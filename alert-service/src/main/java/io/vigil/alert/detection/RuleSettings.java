package io.vigil.alert.detection;

import java.time.Duration;

/**
 * A rule's tunable values: whether it runs, and how many occurrences (or distinct values) inside what span of event
 * time raise an alert. Kept apart from the code that evaluates them so operators change them without a new build.
 */
public record RuleSettings(boolean enabled, int threshold, Duration window) {

    public RuleSettings {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be a positive duration");
        }
    }
}
