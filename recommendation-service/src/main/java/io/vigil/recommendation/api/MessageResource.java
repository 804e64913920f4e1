package io.vigil.recommendation.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.security.Access;
import io.vigil.recommendation.service.MessageService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Where collector-service's outbox delivers machines and their state reports. */
@Path("/internal/messages")
public class MessageResource {

    private final MessageService messages;

    public MessageResource(MessageService messages) {
        this.messages = messages;
    }

    @POST
    @Access(Access.Level.INTERNAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(MessageBatch batch) {
        return messages.receive(batch).replaceWith(Response.noContent().build());
    }
}
