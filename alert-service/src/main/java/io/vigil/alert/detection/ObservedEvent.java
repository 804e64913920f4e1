package io.vigil.alert.detection;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of a stored event that detections match on, group by and describe. {@code count} is how many occurrences
 * the event stands for (a syslog "message repeated N times" entry stands for N); the source address is already in its
 * canonical spelling.
 */
public record ObservedEvent(
        UUID id,
        String machineKey,
        Instant time,
        EventCategory category,
        EventAction action,
        int count,
        String program,
        String sourceAddress,
        Integer destinationPort,
        String account,
        String group,
        String process,
        String commandLine,
        String logonType,
        String threat,
        String file) {}
