package io.vigil.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.InvolvedEntity;
import io.vigil.alert.model.Severity;
import io.vigil.alert.persistence.AlertEntity;
import io.vigil.alert.persistence.AlertHistoryEntity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert as the API shows it. {@code suppressionRule} names the rule that created it dismissed;
 * {@code escalatedFrom} the severity it had before a later event raised it. {@code evidence} and {@code history} only
 * when one alert is asked for by id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        UUID id,
        AlertType alertType,
        String displayName,
        String description,
        Severity severity,
        Severity escalatedFrom,
        AlertStatus status,
        String suppressionRule,
        String intent,
        String compromisedEntity,
        String resourceGroup,
        String machine,
        List<InvolvedEntity> entities,
        Instant startTimeUtc,
        Instant endTimeUtc,
        long eventCount,
        List<String> remediationSteps,
        List<Evidence> evidence,
        List<Change> history) {

    public static Alert of(AlertEntity stored) {
        return of(stored, null, null);
    }

    public static Alert of(AlertEntity stored, List<Evidence> evidence, List<Change> history) {
        return new Alert(
                stored.id,
                stored.alertType,
                stored.displayName,
                stored.description,
                stored.severity,
                stored.escalatedFrom,
                stored.status,
                stored.suppressedBy,
                stored.intent,
                stored.compromisedEntity,
                stored.resourceGroup,
                stored.machineName,
                stored.entities,
                stored.startTime,
                stored.endTime,
                stored.eventCount,
                stored.remediationSteps,
                evidence,
                history);
    }

    /** One triggering event, with the text as the machine logged it. */
    public record Evidence(
            UUID id,
            Instant timeUtc,
            String category,
            String action,
            int count,
            String sourceAddress,
            String account,
            String raw) {}

    /** One change of the alert: {@code Status} or {@code Severity}, from and to, by whom, and why when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Instant timeUtc, String by, String change, String from, String to, String note) {

        public static Change of(AlertHistoryEntity entry) {
            return new Change(
                    entry.changedAt, entry.changedBy, entry.change, entry.fromValue, entry.toValue, entry.note);
        }
    }
}
