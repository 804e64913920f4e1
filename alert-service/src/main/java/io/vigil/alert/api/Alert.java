package io.vigil.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.InvolvedEntity;
import io.vigil.alert.model.Severity;
import io.vigil.alert.persistence.AlertEntity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An alert as the API shows it; {@code evidence} only when one alert is asked for by id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        UUID id,
        AlertType alertType,
        String displayName,
        String description,
        Severity severity,
        AlertStatus status,
        String intent,
        String compromisedEntity,
        String resourceGroup,
        String machine,
        List<InvolvedEntity> entities,
        Instant startTimeUtc,
        Instant endTimeUtc,
        long eventCount,
        List<String> remediationSteps,
        List<Evidence> evidence) {

    public static Alert of(AlertEntity stored, List<Evidence> evidence) {
        return new Alert(
                stored.id,
                stored.alertType,
                stored.displayName,
                stored.description,
                stored.severity,
                stored.status,
                stored.intent,
                stored.compromisedEntity,
                stored.resourceGroup,
                stored.machineName,
                stored.entities,
                stored.startTime,
                stored.endTime,
                stored.eventCount,
                stored.remediationSteps,
                evidence);
    }

    /** One triggering event, with the text as the machine logged it. */
    public record Evidence(UUID id, Instant timeUtc, int count, String sourceAddress, String account, String raw) {}
}
