package io.vigil.alert.api;

import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.EntityMatch;
import java.time.Instant;
import java.util.List;

/**
 * A suppression rule: new alerts of {@code alertType} whose entities meet every match are created Dismissed, naming
 * this rule, until {@code expiresAt}. No matches means every alert of the type.
 */
public record SuppressionRule(
        String name,
        AlertType alertType,
        List<EntityMatch> entities,
        String reason,
        Instant expiresAt,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {

    /** What a caller sends to create, replace or simulate a rule. */
    public record Body(AlertType alertType, List<EntityMatch> entities, String reason, Instant expiresAt) {}

    /** How many of the subscription's alerts of the type that started from {@code from} to {@code to} it would hit. */
    public record Simulation(
            String name, AlertType alertType, Instant from, Instant to, long matchingAlerts, long openAlerts) {}
}
