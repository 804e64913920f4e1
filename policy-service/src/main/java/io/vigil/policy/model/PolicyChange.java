package io.vigil.policy.model;

import java.time.Instant;

/** One entry of a subscription's policy history. {@code resourceGroup} is null for the subscription's own policy. */
public record PolicyChange(
        long id,
        String resourceGroup,
        int version,
        Instant changedAt,
        String changedBy,
        PolicySettings before,
        PolicySettings after) {}
