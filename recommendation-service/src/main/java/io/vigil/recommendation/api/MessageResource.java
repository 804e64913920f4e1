package io.vigil.recommendation.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.security.Access;
import io.vigil.common.security.Headers;
import io.vigil.common.security.ServiceCaller;
import io.vigil.recommendation.service.MessageService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Where collector-service's outbox delivers machines and their state reports, and policy-service's announces policy
 * changes.
 */
@Path("/internal/messages")
public class MessageResource {

    private final MessageService messages;

    public MessageResource(MessageService messages) {
        this.messages = messages;
    }

    // A batch begun is finished even if the sender stops waiting: cut off midway, its transaction would be torn down
    // under the work still running in it. The sender then delivers the batch again, and the inbox drops what was done.
    @Cancellable(false)
    @POST
    @Access(Access.Level.INTERNAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(@HeaderParam(Headers.SERVICE_CREDENTIAL) String credential, MessageBatch batch) {
        ServiceCaller.requireSender(credential, batch == null ? null : batch.source());

        return messages.receive(batch).replaceWith(Response.noContent().build());
    }
}
