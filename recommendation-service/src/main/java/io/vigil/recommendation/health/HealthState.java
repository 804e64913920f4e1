package io.vigil.recommendation.health;

/** How a machine stands on one security control. */
public enum HealthState {
    Healthy,
    Unhealthy,
    NotApplicable
}
