package io.vigil.alert.detection;

import java.time.Instant;
import java.util.List;

/**
 * Failed logons from one source against one machine that reached a rule's threshold. {@code start} is the first
 * failure of the window that reached it; {@code eventCount} counts every failure from then on.
 */
public record BruteForceFinding(
        String machineKey, String sourceAddress, Instant start, Instant end, long eventCount, List<String> accounts) {}
