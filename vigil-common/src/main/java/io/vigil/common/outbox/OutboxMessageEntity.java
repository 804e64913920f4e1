package io.vigil.common.outbox;

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

/** A message written in the same transaction as the change it announces; the relay delivers and deletes it. */
@Entity
@Table(name = "outbox")
public class OutboxMessageEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String destination;

    public String kind;

    @Column(name = "message_key")
    public String messageKey;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
