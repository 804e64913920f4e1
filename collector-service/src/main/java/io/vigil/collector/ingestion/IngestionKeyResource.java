package io.vigil.collector.ingestion;

import io.smallrye.mutiny.Uni;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The keys agents present in {@code X-Vigil-Ingestion-Key}. A key is shown once, when it is made; afterwards only its
 * id and dates are. A subscription holds a handful of keys, so the list is one page.
 */
@Path("/api/v1/subscriptions/{subscriptionId}/ingestionKeys")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.ADMIN)
public class IngestionKeyResource {

    private final IngestionKeyService keys;
    private final Idempotency idempotency;

    public IngestionKeyResource(IngestionKeyService keys, Idempotency idempotency) {
        this.keys = keys;
        this.idempotency = idempotency;
    }

    /** Takes no body; whatever content type the caller names is accepted. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(
            @RestPath String subscriptionId, @RestHeader(Idempotency.HEADER) String idempotencyKey, UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        String fingerprint = Idempotency.fingerprint("POST", uri.getPath());

        return idempotency.once(
                subscriptionId,
                idempotencyKey,
                fingerprint,
                claim -> keys.create(subscriptionId, claim).map(IngestionKeyResource::created));
    }

    @GET
    public Uni<Page<IngestionKey>> list(@RestPath String subscriptionId) {
        Identifiers.subscription(subscriptionId);

        return keys.list(subscriptionId).map(found -> new Page<>(found, null));
    }

    @POST
    @Path("/{keyId}/rotate")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> rotate(
            @RestPath String subscriptionId,
            @RestPath String keyId,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        if (!IngestionKeyFormat.isId(keyId)) {
            throw ApiException.badRequest("keyId", "keyId must be the 16 lower-case hex characters of a key's id");
        }

        String fingerprint = Idempotency.fingerprint("POST", uri.getPath());

        return idempotency.once(
                subscriptionId,
                idempotencyKey,
                fingerprint,
                claim -> keys.rotate(subscriptionId, keyId, claim).map(IngestionKeyResource::created));
    }

    private static Response created(CreatedIngestionKey key) {
        return Response.status(Response.Status.CREATED).entity(key).build();
    }
}
