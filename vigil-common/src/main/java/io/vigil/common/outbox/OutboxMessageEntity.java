package io.vigil.common.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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

    /** The message as JSON text, stored as it was written and sent as it is stored. */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
