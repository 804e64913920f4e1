package io.vigil.collector.ingestion;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An agent's ingestion key: the hash of its secret, never the secret. */
@Entity
@Table(name = "ingestion_key")
public class IngestionKeyEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Null while the key has not been rotated. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    IngestionKey toView() {
        return new IngestionKey(id, createdAt, expiresAt);
    }
}
