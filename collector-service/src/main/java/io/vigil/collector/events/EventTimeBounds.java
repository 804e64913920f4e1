package io.vigil.collector.events;

import java.time.Duration;
import java.time.Instant;

/**
 * The times an event may carry, judged against when its upload arrived by the server's clock. A time far outside them
 * is a machine's wrong clock, and would mislead every detection window it fell into.
 */
public final class EventTimeBounds {

    /** A time a little after receipt is a skewed clock; much later is a wrong one. */
    public static final Duration CLOCK_SKEW = Duration.ofDays(1);

    /** Before the Unix epoch is a clock that was never set, or Windows' zero time (1601). */
    private static final Instant EARLIEST = Instant.EPOCH;

    private EventTimeBounds() {}

    /** Why an event cannot carry {@code time}; null when it can. */
    public static String refusal(Instant time, Instant receivedAt) {
        if (time.isBefore(EARLIEST)) {
            return "time " + time + " is before 1970";
        }
        if (time.isAfter(receivedAt.plus(CLOCK_SKEW))) {
            return "time " + time + " is more than a day after the upload was received (" + receivedAt
                    + "); check the machine's clock";
        }
        return null;
    }
}
