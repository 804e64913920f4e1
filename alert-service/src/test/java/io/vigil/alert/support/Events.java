package io.vigil.alert.support;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds normalized events for tests. */
public final class Events {

    private Events() {}

    public static NormalizedEvent failedLogon(Instant time, String source, String account, int count) {
        return new NormalizedEvent(
                UUID.randomUUID(),
                time,
                EventCategory.Authentication,
                EventAction.LogonFailed,
                count,
                "host01",
                "sshd",
                source,
                40000,
                22,
                "ssh2",
                account,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "Failed password for " + account + " from " + source + " port 40000 ssh2");
    }

    /** Failed SSH logons as root from one source, five seconds apart from {@code first} on. */
    public static List<NormalizedEvent> failures(String source, int count, Instant first) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(failedLogon(first.plusSeconds(5L * i), source, "root", 1));
        }
        return events;
    }

    public static NormalizedEvent successfulLogon(Instant time, String source, String account) {
        return new NormalizedEvent(
                UUID.randomUUID(),
                time,
                EventCategory.Authentication,
                EventAction.LogonSucceeded,
                1,
                "host01",
                "sshd",
                source,
                40000,
                22,
                "ssh2",
                account,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "Accepted password for " + account + " from " + source + " port 40000 ssh2");
    }
}
