package io.vigil.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How long the relay leaves a failing receiver alone before it tries again. */
class OutboxRelayTest {

    private static final Duration CAP = Duration.ofSeconds(30);

    @Test
    void doublesThePauseAfterEachFailureFromHalfASecond() {
        assertEquals(
                List.of(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16)),
                IntStream.rangeClosed(1, 6).mapToObj(OutboxRelay::pauseAfter).toList());
    }

    @Test
    void neverPausesLongerThanThirtySeconds() {
        assertEquals(CAP, OutboxRelay.pauseAfter(7), "16 s doubled would be 32 s");
        assertEquals(CAP, OutboxRelay.pauseAfter(11));
        assertEquals(CAP, OutboxRelay.pauseAfter(12));
        assertEquals(CAP, OutboxRelay.pauseAfter(64), "a shift past the width of a long must not wrap round");
        assertEquals(CAP, OutboxRelay.pauseAfter(1_000));
        assertEquals(CAP, OutboxRelay.pauseAfter(Integer.MAX_VALUE));
    }

    @Test
    void neverPausesLessAfterMoreFailures() {
        for (int failures = 1; failures < 100; failures++) {
            Duration pause = OutboxRelay.pauseAfter(failures);
            Duration next = OutboxRelay.pauseAfter(failures + 1);
            assertEquals(true, next.compareTo(pause) >= 0, failures + ": " + pause + " then " + next);
        }
    }
}
