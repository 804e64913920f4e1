package io.vigil.collector.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The first answer to an idempotency key, as the changes of a Hibernate transaction write it. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecordEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "idem_key")
    public String key;

    public String fingerprint;

    public int status;

    @Column(name = "content_type")
    public String contentType;

    public String body;

    @Column(name = "created_at")
    public Instant createdAt;
}
