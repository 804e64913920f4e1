package io.vigil.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A security event in one shape whatever format it arrived in. Fields that the source did not carry are null;
 * {@code raw} keeps the text as received; {@code file} is the file an antimalware finding names. {@code count} is how
 * many occurrences the entry stands for (a syslog "message repeated N times" line stands for N).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NormalizedEvent(
        UUID id,
        Instant time,
        EventCategory category,
        EventAction action,
        int count,
        String host,
        String program,
        String sourceAddress,
        Integer sourcePort,
        Integer destinationPort,
        String protocol,
        String account,
        String group,
        String process,
        String parentProcess,
        String commandLine,
        String logonType,
        String threat,
        String file,
        String raw) {

    /** The most occurrences one entry may stand for; a larger count is a broken entry, not an attack. */
    public static final int MAX_COUNT = 1_000_000;
}
