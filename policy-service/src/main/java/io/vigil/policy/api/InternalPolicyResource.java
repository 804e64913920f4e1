package io.vigil.policy.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.security.Access;
import io.vigil.policy.service.PolicyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/** The effective policy for the other services, which act for every subscription with their own credentials. */
@Path("/internal/subscriptions/{subscriptionId}")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.INTERNAL)
public class InternalPolicyResource {

    private final PolicyService policies;

    public InternalPolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Path("/resourceGroups/{resourceGroup}/effectivePolicy")
    public Uni<EffectivePolicy> effectivePolicy(@RestPath String subscriptionId, @RestPath String resourceGroup) {
        PolicyResource.validateScope(subscriptionId, resourceGroup);

        return policies.effective(subscriptionId, resourceGroup);
    }
}
