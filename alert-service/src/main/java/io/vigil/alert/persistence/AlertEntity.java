package io.vigil.alert.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.InvolvedEntity;
import io.vigil.alert.model.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A stored alert. Detections write these rows directly in the ingestion transaction; here they are read and their
 * status changed. Only changed columns are written, so a status change never overwrites counts that a detection
 * updated meanwhile.
 */
@Entity
@Table(name = "alert")
@DynamicUpdate
public class AlertEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "resource_group")
    public String resourceGroup;

    @Column(name = "resource_group_key")
    public String resourceGroupKey;

    @Column(name = "machine_name")
    public String machineName;

    @Column(name = "machine_key")
    public String machineKey;

    @Column(name = "compromised_entity")
    public String compromisedEntity;

    @Enumerated(EnumType.STRING)
    @Column(name = "alert_type")
    public AlertType alertType;

    /** What the alert is about on its machine (for brute force, the source address). */
    @Column(name = "entity_key")
    public String entityKey;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    public AlertStatus status;

    public String intent;

    @Convert(converter = JsonColumns.Entities.class)
    @Column(updatable = false)
    public List<InvolvedEntity> entities;

    @Convert(converter = JsonColumns.Steps.class)
    @Column(name = "remediation_steps", updatable = false)
    public List<String> remediationSteps;

    @Column(name = "start_time")
    public Instant startTime;

    @Column(name = "end_time")
    public Instant endTime;

    @Column(name = "event_count")
    public long eventCount;

    /** The suppression rule that created this alert dismissed, or null. */
    @Column(name = "suppressed_by", updatable = false)
    public String suppressedBy;

    /** The severity the alert had before a later event raised it, or null. */
    @Enumerated(EnumType.STRING)
    @Column(name = "escalated_from", updatable = false)
    public Severity escalatedFrom;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
