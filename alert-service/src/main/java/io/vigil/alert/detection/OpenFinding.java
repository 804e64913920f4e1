package io.vigil.alert.detection;

import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

/**
 * What is kept of an open alert's finding, so that later events can be added to it without reading its earlier events
 * again (see {@link Detector#extend}).
 *
 * @param seen the distinct values of the described fields so far, in their first spelling
 * @param evidence the events kept as evidence (the first and the latest), by id, with their times
 */
public record OpenFinding(
        String machineKey,
        String subject,
        Instant start,
        Instant end,
        long eventCount,
        Map<EventField, SortedSet<String>> seen,
        long precedingFailures,
        Map<UUID, Instant> evidence) {

    public OpenFinding withEvidence(Map<UUID, Instant> kept) {
        return new OpenFinding(machineKey, subject, start, end, eventCount, seen, precedingFailures, kept);
    }
}
