package io.vigil.recommendation.api;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.security.Access;
import io.vigil.recommendation.TestData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Stands in for policy-service's effective policy endpoint in tests. A resource group the test has not set gets a
 * policy that collects data with every switch on; a subscription marked unavailable gets 503. Like policy-service it
 * answers only callers with service credentials, so the tests also show that this service sends its own.
 */
@Path("/internal/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/effectivePolicy")
public class PolicyStub {

    private static final Map<String, EffectivePolicy> POLICIES = new ConcurrentHashMap<>();
    private static final Set<String> UNAVAILABLE = ConcurrentHashMap.newKeySet();

    public static void set(EffectivePolicy policy) {
        POLICIES.put(key(policy.subscriptionId(), policy.resourceGroup()), policy);
    }

    public static void unavailableFor(String subscriptionId, boolean unavailable) {
        if (unavailable) {
            UNAVAILABLE.add(subscriptionId);
        } else {
            UNAVAILABLE.remove(subscriptionId);
        }
    }

    @GET
    @Access(Access.Level.INTERNAL)
    @Produces(MediaType.APPLICATION_JSON)
    public Response effectivePolicy(@RestPath String subscriptionId, @RestPath String resourceGroup) {
        if (UNAVAILABLE.contains(subscriptionId)) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        EffectivePolicy policy = POLICIES.getOrDefault(
                key(subscriptionId, resourceGroup), TestData.collectingPolicy(subscriptionId, resourceGroup));
        return Response.ok(policy).build();
    }

    private static String key(String subscriptionId, String resourceGroup) {
        return subscriptionId + "/" + resourceGroup.toLowerCase(Locale.ROOT);
    }
}
