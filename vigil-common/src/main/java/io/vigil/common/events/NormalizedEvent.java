package io.vigil.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A security event in one shape whatever format it arrived in. Fields that the source did not carry are null;
 * {@code raw} keeps the text as received; {@code file} is the file an antimalware finding names. {@code count} is how
 * many occurrences the entry stands for (a syslog "message repeated N times" line stands for N). The source is the
 * side that opened a connection, the destination the side it was opened to: a firewall event names both addresses,
 * most others only the source.
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
        String destinationAddress,
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

    /** An event that names no destination address, as all but firewall events are. */
    public NormalizedEvent(
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
        this(
                id,
                time,
                category,
                action,
                count,
                host,
                program,
                sourceAddress,
                sourcePort,
                null,
                destinationPort,
                protocol,
                account,
                group,
                process,
                parentProcess,
                commandLine,
                logonType,
                threat,
                file,
                raw);
    }
}
