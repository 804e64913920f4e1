package io.vigil.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event as it travels between the services. */
class NormalizedEventTest {

    /** With the modules the services' mapper has, parameter names among them. */
    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final NormalizedEvent BLOCKED = new NormalizedEvent(
            UUID.fromString("7d3c8a4e-2b51-4c1e-9f0a-5e6b7c8d9e01"),
            Instant.parse("2026-12-01T15:00:01Z"),
            EventCategory.Firewall,
            EventAction.ConnectionBlocked,
            1,
            "win01",
            "Security",
            "10.0.0.4",
            51000,
            "198.51.100.53",
            53,
            "UDP",
            null,
            null,
            "beacon.exe",
            null,
            null,
            null,
            null,
            null,
            "{}");

    @Test
    void carriesTheDestinationAddressThroughJson() throws Exception {
        String text = JSON.writeValueAsString(BLOCKED);

        NormalizedEvent read = JSON.readValue(text, NormalizedEvent.class);

        assertEquals(BLOCKED, read);
        assertEquals("198.51.100.53", read.destinationAddress());
        assertEquals(53, read.destinationPort());
    }

    @Test
    void readsAnEventWrittenWithoutADestinationAddress() throws Exception {
        String text = "{\"time\":\"2026-12-01T10:00:00Z\",\"category\":\"Authentication\",\"action\":\"LogonFailed\","
                + "\"count\":1,\"sourceAddress\":\"203.0.113.10\",\"destinationPort\":22,\"raw\":\"x\"}";

        NormalizedEvent read = JSON.readValue(text, NormalizedEvent.class);

        assertNull(read.destinationAddress());
        assertEquals("203.0.113.10", read.sourceAddress());
        assertEquals(22, read.destinationPort());
    }

    @Test
    void leavesTheDestinationAddressOutOfAnEventThatNamesNone() throws Exception {
        NormalizedEvent logon = new NormalizedEvent(
                null,
                Instant.parse("2026-12-01T10:00:00Z"),
                EventCategory.Authentication,
                EventAction.LogonFailed,
                1,
                "host01",
                "sshd",
                "203.0.113.10",
                40000,
                22,
                "ssh2",
                "root",
                null,
                null,
                null,
                null,
                "password",
                null,
                null,
                "Failed password for root");

        assertNull(logon.destinationAddress());
        assertEquals(false, JSON.writeValueAsString(logon).contains("destinationAddress"));
    }
}
