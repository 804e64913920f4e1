package io.vigil.alert.service;

import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import java.time.Instant;

/**
 * What a caller narrowed a list to; null fields do not filter. {@code from} and {@code to} keep alerts whose activity
 * (start to end) overlaps that span.
 */
public record AlertFilter(
        AlertStatus status,
        Severity severity,
        AlertType alertType,
        String resourceGroup,
        String machine,
        Instant from,
        Instant to) {}
