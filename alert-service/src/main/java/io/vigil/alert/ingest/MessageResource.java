package io.vigil.alert.ingest;

import io.smallrye.mutiny.Uni;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.security.Access;
import io.vigil.common.security.Headers;
import io.vigil.common.security.ServiceCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Where other services' outboxes deliver: the collector's events and policy-service's change notices. A message id
 * seen before changes nothing.
 */
@Path("/internal/messages")
public class MessageResource {

    private final IngestService ingest;

    public MessageResource(IngestService ingest) {
        this.ingest = ingest;
    }

    // A batch begun is finished even if the sender stops waiting: cut off midway, its transaction would be torn down
    // under the work still running in it. The sender then delivers the batch again, and the inbox drops what was done.
    @Cancellable(false)
    @POST
    @Access(Access.Level.INTERNAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(MessageBatch batch, HttpHeaders headers) {
        ServiceCaller.requireSender(
                headers.getHeaderString(Headers.SERVICE_CREDENTIAL), batch == null ? null : batch.source());

        return ingest.receive(batch).map(done -> Response.noContent().build());
    }
}
