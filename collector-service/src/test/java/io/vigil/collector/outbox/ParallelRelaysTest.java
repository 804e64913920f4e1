package io.vigil.collector.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.collector.support.MessageSink;
import io.vigil.common.messaging.Message;
import io.vigil.common.outbox.OutboxRelay;
import io.vigil.common.security.ServiceCredentialHeaders;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two replicas' relays draining one outbox at once still deliver each message once, in order. */
@QuarkusTest
class ParallelRelaysTest {

    private static final int MESSAGES = 600;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceCredentialHeaders credentials;

    @TestHTTPResource("/test-receivers/")
    URI receivers;

    @Test
    void twoRelaysOnOneOutboxDeliverEachMessageOnceInOrder() {
        String destination = "parallel-" + UUID.randomUUID();
        String key = "key-" + destination;
        List<Tuple> rows = IntStream.range(0, MESSAGES)
                .mapToObj(i -> Tuple.of(destination, "Test", key, "{\"n\": " + i + "}"))
                .toList();
        pool.preparedQuery("insert into collector.outbox (destination, kind, message_key, payload)"
                        + " values ($1, $2, $3, $4::text::jsonb)")
                .executeBatch(rows)
                .await()
                .atMost(Duration.ofSeconds(10));
        OutboxRelay first = relay(destination);
        OutboxRelay second = relay(destination);
        first.registerDestinations().await().atMost(Duration.ofSeconds(10));

        List<Integer> drained = Uni.join()
                .all(first.drain(), second.drain())
                .andFailFast()
                .await()
                .atMost(Duration.ofSeconds(60));

        assertEquals(MESSAGES, drained.get(0) + drained.get(1), "delivered per relay: " + drained);
        List<Integer> order = new ArrayList<>();
        for (Message message : MessageSink.received(destination, key)) {
            order.add(message.payload().get("n").asInt());
        }
        assertEquals(IntStream.range(0, MESSAGES).boxed().toList(), order);
    }

    private OutboxRelay relay(String destination) {
        return new OutboxRelay(
                pool,
                WebClient.create(vertx),
                json,
                "collector",
                "collector.outbox",
                Map.of(destination, receivers.resolve(destination).toString()),
                50,
                Duration.ofSeconds(10),
                credentials.credential());
    }
}
