package io.vigil.collector.events.json;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A normalized event while the readers fill in its fields, which they set directly; what none sets stays null. It
 * never leaves this package: {@link #toEvent} gives the immutable event.
 */
final class EventDraft {

    Instant time;
    EventCategory category = EventCategory.Other;
    EventAction action = EventAction.Other;
    int count = 1;
    String host;
    String program;
    String sourceAddress;
    Integer sourcePort;
    String destinationAddress;
    Integer destinationPort;
    String protocol;
    String account;
    String group;
    String process;
    String parentProcess;
    String commandLine;
    String logonType;
    String threat;
    String file;
    String raw;

    EventDraft kind(EventCategory newCategory, EventAction newAction) {
        category = newCategory;
        action = newAction;
        return this;
    }

    /** @param receivedRaw the element as received, kept when the draft carries no raw text of its own */
    NormalizedEvent toEvent(String receivedRaw) {
        return new NormalizedEvent(
                UUID.randomUUID(),
                time,
                category,
                action,
                count,
                host,
                program,
                sourceAddress,
                sourcePort,
                destinationAddress,
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
                raw == null ? receivedRaw : raw);
    }
}
