package io.vigil.collector.ingestion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys read from the database lately, so that an agent's every call does not cost a query. An entry is trusted only
 * for its lifetime, counted from before the read; with a lifetime no longer than the rotation grace, a replica that
 * missed a rotation reads the key again before the old key must stop working.
 */
final class RecentKeys {

    /** What is stored about a key; {@code expiresAt} null while it is not rotated. */
    record StoredKey(String subscriptionId, String secretHash, Instant expiresAt) {

        /** The key's subscription, when the secret is the key's and the key has not expired. */
        Optional<String> admit(String secret, Instant now) {
            if (!IngestionKeyFormat.matches(secret, secretHash)) {
                return Optional.empty();
            }
            if (expiresAt != null && !now.isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(subscriptionId);
        }
    }

    private record Entry(StoredKey key, Instant readAt) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    RecentKeys(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Optional<StoredKey> fresh(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.readAt().plus(lifetime))) {
            entries.remove(id, entry);
            return Optional.empty();
        }
        return Optional.of(entry.key());
    }

    /** {@code readAt} is when the read began, not when it answered, so an entry never outlives what it saw. */
    void remember(String id, StoredKey key, Instant readAt) {
        if (!lifetime.isZero() && !lifetime.isNegative()) {
            entries.put(id, new Entry(key, readAt));
        }
    }

    Instant now() {
        return clock.instant();
    }
}
