package io.vigil.common.policy;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** How the other services read policy-service. Its base URL is {@code quarkus.rest-client.policy.url}. */
@RegisterRestClient(configKey = "policy")
@Path("/api/v1/subscriptions/{subscriptionId}")
@Produces(MediaType.APPLICATION_JSON)
public interface EffectivePolicyClient {

    @GET
    @Path("/resourceGroups/{resourceGroup}/effectivePolicy")
    Uni<EffectivePolicy> effectivePolicy(
            @PathParam("subscriptionId") String subscriptionId, @PathParam("resourceGroup") String resourceGroup);
}
