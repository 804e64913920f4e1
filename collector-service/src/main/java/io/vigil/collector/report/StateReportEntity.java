package io.vigil.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A state report as received, kept so what a machine said can be read back. */
@Entity
@Table(name = "state_report")
public class StateReportEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "machine_id")
    public Long machineId;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "collected_at")
    public Instant collectedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode report;
}
