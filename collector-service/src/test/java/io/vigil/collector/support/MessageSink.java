package io.vigil.collector.support;

import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.security.Access;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Stands in for the receivers of the outbox ({@code recommendation} and {@code alert}): records what each was sent,
 * or answers 503 while the test wants it down. Like the real receivers it takes only the collector's credential.
 */
@Path("/test-receivers/{destination}/internal/messages")
@Access(Access.Level.INTERNAL)
public class MessageSink {

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean FAILING = new AtomicBoolean();
    private static final AtomicInteger REFUSED_DELIVERIES = new AtomicInteger();

    public static void failing(boolean value) {
        FAILING.set(value);
    }

    public static int refusedDeliveries() {
        return REFUSED_DELIVERIES.get();
    }

    /** Messages delivered to one destination for one machine key, in the order received. */
    public static List<Message> received(String destination, String key) {
        return RECEIVED.stream()
                .filter(r ->
                        r.destination().equals(destination) && r.message().key().equals(key))
                .map(Received::message)
                .toList();
    }

    @POST
    @Operation(hidden = true)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@RestPath String destination, MessageBatch batch) {
        if (FAILING.get()) {
            REFUSED_DELIVERIES.incrementAndGet();
            return Response.status(503).build();
        }
        if (!"collector".equals(batch.source())) {
            return Response.status(400).build();
        }
        batch.messages().forEach(message -> RECEIVED.add(new Received(destination, message)));
        return Response.noContent().build();
    }

    private record Received(String destination, Message message) {}
}
