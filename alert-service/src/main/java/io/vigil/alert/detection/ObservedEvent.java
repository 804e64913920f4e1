package io.vigil.alert.detection;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Instant;

/** The fields of a stored event that detections look at; {@code count} is how many occurrences it stands for. */
public record ObservedEvent(
        String machineKey,
        Instant time,
        EventCategory category,
        EventAction action,
        int count,
        String sourceAddress,
        String account) {}
