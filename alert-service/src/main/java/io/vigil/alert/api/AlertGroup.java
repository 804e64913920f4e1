package io.vigil.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import java.util.Map;

/** How many alerts of one type, or that started on one day (UTC, {@code YYYY-MM-DD}), by severity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertGroup(AlertType alertType, String date, long count, Map<Severity, Long> bySeverity) {}
