package io.vigil.alert.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of an alert: its status (by a person, the detection, or a suppression rule) or its severity (raised by a
 * later event). Detections write these rows directly in the ingestion transaction.
 */
@Entity
@Table(name = "alert_history")
public class AlertHistoryEntity extends PanacheEntityBase {

    public static final String STATUS = "Status";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alert_id")
    public UUID alertId;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** {@code Status} or {@code Severity}. */
    public String change;

    @Column(name = "from_value")
    public String fromValue;

    @Column(name = "to_value")
    public String toValue;

    public String note;
}
