package io.vigil.alert.service;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.api.AlertGroup;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import io.vigil.alert.persistence.AlertGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A subscription's alerts that started in a time range, counted per type or per day, each split by severity. */
@ApplicationScoped
public class AlertGroups {

    public enum By {
        type,
        date
    }

    private final AlertGroupRepository counts;

    public AlertGroups(AlertGroupRepository counts) {
        this.counts = counts;
    }

    /** Groups in order of type or of day; every severity is listed, with 0 where there are none. */
    public Uni<List<AlertGroup>> groups(String subscriptionId, By by, Instant from, Instant to) {
        Uni<List<AlertGroupRepository.Count>> found =
                by == By.type ? counts.byType(subscriptionId, from, to) : counts.byDate(subscriptionId, from, to);

        return found.map(rows -> {
            Map<String, Map<Severity, Long>> grouped = new LinkedHashMap<>();
            for (AlertGroupRepository.Count row : rows) {
                grouped.computeIfAbsent(row.key(), key -> zeroes()).put(row.severity(), row.alerts());
            }
            List<AlertGroup> groups = new ArrayList<>();
            grouped.forEach((key, bySeverity) -> {
                long total =
                        bySeverity.values().stream().mapToLong(Long::longValue).sum();
                groups.add(
                        by == By.type
                                ? new AlertGroup(AlertType.valueOf(key), null, total, bySeverity)
                                : new AlertGroup(null, key, total, bySeverity));
            });
            return groups;
        });
    }

    private static Map<Severity, Long> zeroes() {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, 0L);
        }
        return bySeverity;
    }
}
