package io.vigil.collector.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.collector.ingestion.RecentKeys.StoredKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentKeysTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final String SECRET = "the-secret";
    private static final StoredKey ACTIVE = new StoredKey("sub-a", IngestionKeyFormat.hash(SECRET), null);

    @Test
    void trustsAKeyItReadForItsLifetimeOnly() {
        SettableClock clock = new SettableClock(START);
        RecentKeys recent = new RecentKeys(LIFETIME, clock);
        recent.remember("k1", ACTIVE, START);

        clock.now = START.plus(LIFETIME).minusMillis(1);
        assertEquals(Optional.of(ACTIVE), recent.fresh("k1"));
        clock.now = START.plus(LIFETIME);
        assertEquals(Optional.empty(), recent.fresh("k1"));
    }

    @Test
    void keepsNothingWhenItsLifetimeIsZero() {
        RecentKeys recent = new RecentKeys(Duration.ZERO, new SettableClock(START));

        recent.remember("k1", ACTIVE, START);

        assertEquals(Optional.empty(), recent.fresh("k1"));
    }

    @Test
    void admitsTheRightSecretUntilTheKeyExpires() {
        StoredKey rotated = new StoredKey("sub-a", IngestionKeyFormat.hash(SECRET), START.plusSeconds(60));

        assertEquals(Optional.of("sub-a"), ACTIVE.admit(SECRET, START));
        assertEquals(Optional.of("sub-a"), rotated.admit(SECRET, START.plusSeconds(59)));
        assertEquals(Optional.empty(), rotated.admit(SECRET, START.plusSeconds(60)));
        assertEquals(Optional.empty(), ACTIVE.admit("another-secret", START));
    }

    private static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
