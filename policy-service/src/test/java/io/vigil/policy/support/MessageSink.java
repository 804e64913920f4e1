package io.vigil.policy.support;

import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.security.Access;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Stands in for the receivers of policy-service's outbox ({@code recommendation}, {@code collector}, {@code alert}).
 * Like the real receivers it takes only policy-service's credential and drops a message id it has already seen, so
 * what it holds is what a receiver would have acted on.
 */
@Path("/test-receivers/{destination}/internal/messages")
@Access(Access.Level.INTERNAL)
public class MessageSink {

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    /** The messages one destination received for one subscription, in the order they arrived. */
    public static List<Message> received(String destination, String subscriptionId) {
        return RECEIVED.stream()
                .filter(r ->
                        r.destination().equals(destination) && r.message().key().equals(subscriptionId))
                .map(Received::message)
                .toList();
    }

    @POST
    @Operation(hidden = true)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@RestPath String destination, MessageBatch batch) {
        if (!"policy".equals(batch.source())) {
            return Response.status(400).build();
        }
        for (Message message : batch.messages()) {
            if (SEEN.add(destination + "/" + message.id())) {
                RECEIVED.add(new Received(destination, message));
            }
        }
        return Response.noContent().build();
    }

    private record Received(String destination, Message message) {}
}
