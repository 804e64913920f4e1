package io.vigil.common.policy;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.ServiceCredentialHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * How the other services read policy-service, on its internal endpoint with their own service credentials. Its base
 * URL is {@code quarkus.rest-client.policy.url}.
 */
@RegisterRestClient(configKey = "policy")
@RegisterClientHeaders(ServiceCredentialHeaders.class)
@Path("/internal/subscriptions/{subscriptionId}")
@Produces(MediaType.APPLICATION_JSON)
public interface EffectivePolicyClient {

    @GET
    @Path("/resourceGroups/{resourceGroup}/effectivePolicy")
    Uni<EffectivePolicy> effectivePolicy(
            @PathParam("subscriptionId") String subscriptionId, @PathParam("resourceGroup") String resourceGroup);
}
