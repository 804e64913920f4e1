package io.vigil.alert.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The destination address of the collector's firewall events is stored beside the source, spelt the same way. */
@QuarkusTest
class EventDestinationTest extends StandardSubscriptionTest {

    private static final Instant TIME = Instant.parse("2026-12-01T15:00:00Z");

    @Test
    void storesTheDestinationAddressInItsCanonicalSpelling() {
        MachineRef machine = new MachineRef(subscription, "rg", "fw-01");

        delivery.deliver(delivery.events(
                machine,
                List.of(
                        blocked(TIME, "10.0.0.4", "198.51.100.53", 53),
                        blocked(
                                TIME.plusSeconds(1),
                                "2001:0DB8:0000:0000:0000:0000:0000:0066",
                                "2001:0db8:0000:0000:0000:0000:0000:0004",
                                22),
                        blocked(TIME.plusSeconds(2), "::ffff:10.0.0.4", "::ffff:198.51.100.60", 443),
                        blocked(TIME.plusSeconds(3), "203.0.113.53", null, null))));

        assertEquals(
                List.of(
                        "10.0.0.4 -> 198.51.100.53:53",
                        "2001:db8::66 -> 2001:db8::4:22",
                        "10.0.0.4 -> 198.51.100.60:443",
                        "203.0.113.53 -> null:null"),
                stored(machine));
    }

    private List<String> stored(MachineRef machine) {
        List<String> events = new ArrayList<>();
        for (Row row : pool.preparedQuery("select source_address, destination_address, destination_port"
                        + " from alert.event where machine_key = $1 order by event_time")
                .execute(Tuple.of(machine.key()))
                .await()
                .atMost(Duration.ofSeconds(10))) {
            events.add(row.getString(0) + " -> " + row.getString(1) + ":" + row.getInteger(2));
        }
        return events;
    }

    private static NormalizedEvent blocked(Instant time, String source, String destination, Integer port) {
        return new NormalizedEvent(
                UUID.randomUUID(),
                time,
                EventCategory.Firewall,
                EventAction.ConnectionBlocked,
                1,
                "fw-01",
                "kernel",
                source,
                50000,
                destination,
                port,
                "TCP",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "[UFW BLOCK] SRC=" + source + " DST=" + destination);
    }
}
