package io.vigil.alert.detection;

import io.vigil.alert.model.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;

/**
 * What a rule found on one machine about one subject (a source address, an account, a threat; empty when the machine
 * itself is the subject): from the first event of the window that reached the threshold to the latest one.
 *
 * @param eventCount occurrences, a repeated entry counted as many times as it repeats
 * @param escalationReason why the severity is above the rule's usual one, or null
 * @param seen the distinct values of the described fields among the finding's events, in their first spelling
 * @param processes each distinct command line (in its first spelling, sorted) with the program that ran it first
 * @param precedingFailures for a logon after failures, the failed logons before the first successful one
 * @param evidence ids of the first and the latest events, oldest first, at most twice the bound asked for
 */
public record Finding(
        String machineKey,
        String subject,
        Instant start,
        Instant end,
        long eventCount,
        Severity severity,
        String escalationReason,
        Map<EventField, SortedSet<String>> seen,
        SortedMap<String, String> processes,
        long precedingFailures,
        List<UUID> evidence) {

    public SortedSet<String> seen(EventField field) {
        return seen.getOrDefault(field, Collections.emptySortedSet());
    }
}
