package io.vigil.alert.ingest;

import io.smallrye.mutiny.Uni;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.security.Access;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Where other services' outboxes deliver; a message id seen before changes nothing. */
@Path("/internal/messages")
public class MessageResource {

    private final IngestService ingest;

    public MessageResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Access(Access.Level.INTERNAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(MessageBatch batch) {
        return ingest.receive(batch).map(done -> Response.noContent().build());
    }
}
