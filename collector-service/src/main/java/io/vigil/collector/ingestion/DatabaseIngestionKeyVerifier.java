package io.vigil.collector.ingestion;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.collector.ingestion.IngestionKeyFormat.PresentedKey;
import io.vigil.collector.ingestion.RecentKeys.StoredKey;
import io.vigil.common.security.IngestionKeyVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Answers which subscription an agent's key opens. Runs before every ingestion call, on the event loop, so it reads
 * through the reactive client and keeps keys it found for a short while.
 */
@ApplicationScoped
public class DatabaseIngestionKeyVerifier implements IngestionKeyVerifier {

    private static final String SELECT =
            "select subscription_id, secret_hash, expires_at from collector.ingestion_key where id = $1";

    private final Pool pool;
    private final RecentKeys recent;

    public DatabaseIngestionKeyVerifier(Pool pool, IngestionKeySettings settings) {
        this.pool = pool;
        Duration lifetime =
                settings.cacheTtl().compareTo(settings.grace()) < 0 ? settings.cacheTtl() : settings.grace();
        this.recent = new RecentKeys(lifetime, Clock.systemUTC());
    }

    @Override
    public Uni<Optional<String>> subscriptionOf(String presentedKey) {
        Optional<PresentedKey> parsed = IngestionKeyFormat.parse(presentedKey);
        if (parsed.isEmpty()) {
            Log.debug("Refused an ingestion key that is not in the key format");
            return Uni.createFrom().item(Optional.empty());
        }
        PresentedKey key = parsed.get();

        return stored(key.id()).map(found -> {
            Optional<String> subscription = found.flatMap(stored -> stored.admit(key.secret(), recent.now()));
            if (subscription.isEmpty()) {
                Log.debugf("Refused ingestion key %s: unknown, wrong secret or expired", key.id());
            }
            return subscription;
        });
    }

    private Uni<Optional<StoredKey>> stored(String id) {
        Optional<StoredKey> cached = recent.fresh(id);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached);
        }
        Instant readAt = recent.now();
        return pool.preparedQuery(SELECT).execute(Tuple.of(id)).map(rows -> {
            RowIterator<Row> iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return Optional.empty();
            }
            Row row = iterator.next();
            OffsetDateTime expiresAt = row.getOffsetDateTime("expires_at");
            StoredKey key = new StoredKey(
                    row.getString("subscription_id"),
                    row.getString("secret_hash"),
                    expiresAt == null ? null : expiresAt.toInstant());
            recent.remember(id, key, readAt);
            return Optional.of(key);
        });
    }
}
