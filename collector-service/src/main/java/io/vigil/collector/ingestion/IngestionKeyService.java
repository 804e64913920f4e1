package io.vigil.collector.ingestion;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.idempotency.IdempotencyClaim;
import io.vigil.collector.ingestion.IngestionKeyFormat.NewKey;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Makes, lists and rotates a subscription's ingestion keys. A rotation does not cut agents off: the old key keeps
 * working for the grace period while the new one is rolled out.
 */
@ApplicationScoped
public class IngestionKeyService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IngestionKeyRepository keys;
    private final IngestionKeySettings settings;
    private final Idempotency idempotency;

    public IngestionKeyService(IngestionKeyRepository keys, IngestionKeySettings settings, Idempotency idempotency) {
        this.keys = keys;
        this.settings = settings;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<CreatedIngestionKey> create(String subscriptionId, IdempotencyClaim claim) {
        return newKey(subscriptionId, now(), claim)
                .invoke(created ->
                        Log.infof("Ingestion key %s created for subscription %s", created.id(), subscriptionId));
    }

    @WithSession
    public Uni<List<IngestionKey>> list(String subscriptionId) {
        return keys.listBySubscription(subscriptionId)
                .map(found -> found.stream().map(IngestionKeyEntity::toView).toList());
    }

    /** A key already rotated is not rotated again: its successor is the key to rotate. */
    @WithTransaction
    public Uni<CreatedIngestionKey> rotate(String subscriptionId, String keyId, IdempotencyClaim claim) {
        Instant now = now();
        return keys.findForRotation(subscriptionId, keyId).flatMap(old -> {
            if (old == null) {
                throw ApiException.notFound("Ingestion key " + keyId + " does not exist in this subscription");
            }
            if (old.expiresAt != null) {
                throw new ApiException(
                        409,
                        "key-already-rotated",
                        "Key already rotated",
                        "Ingestion key " + keyId + " was rotated already and expires at " + old.expiresAt
                                + "; rotate its successor instead");
            }
            old.expiresAt = now.plus(settings.grace());
            return newKey(subscriptionId, now, claim)
                    .invoke(created -> Log.infof(
                            "Ingestion key %s of subscription %s rotated to %s; the old key expires at %s",
                            keyId, subscriptionId, created.id(), old.expiresAt));
        });
    }

    /** A repeated request gets the key's id and time again, never its secret: that is shown once and kept nowhere. */
    private Uni<CreatedIngestionKey> newKey(String subscriptionId, Instant now, IdempotencyClaim claim) {
        NewKey generated = IngestionKeyFormat.generate(RANDOM);
        IngestionKeyEntity key = new IngestionKeyEntity();
        key.id = generated.id();
        key.subscriptionId = subscriptionId;
        key.secretHash = generated.secretHash();
        key.createdAt = now;
        return keys.persist(key)
                .call(saved -> idempotency.record(claim, 201, new CreatedIngestionKey(saved.id, null, saved.createdAt)))
                .map(saved -> new CreatedIngestionKey(saved.id, generated.key(), saved.createdAt));
    }

    /** To the microsecond, as PostgreSQL keeps it, so a key reads back with the time it was shown with. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
