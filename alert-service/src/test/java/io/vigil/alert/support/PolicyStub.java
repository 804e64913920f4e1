package io.vigil.alert.support;

import io.vigil.common.security.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Stands in for policy-service's effective-policy answer in tests. A subscription the tests did not set gets the
 * defaults (tier Free), as policy-service would answer. Like policy-service it answers only callers with service
 * credentials, so the tests also show that this service sends its own.
 */
@Path("/internal/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/effectivePolicy")
public class PolicyStub {

    private static final Map<String, String> TIERS = new ConcurrentHashMap<>();

    private static final Set<String> UNAVAILABLE = ConcurrentHashMap.newKeySet();

    public static void setPricingTier(String subscriptionId, String tier) {
        TIERS.put(subscriptionId.toLowerCase(Locale.ROOT), tier);
    }

    /** Makes the answer for this subscription a 503, as when policy-service is down. */
    public static void setUnavailable(String subscriptionId, boolean unavailable) {
        if (unavailable) {
            UNAVAILABLE.add(subscriptionId.toLowerCase(Locale.ROOT));
        } else {
            UNAVAILABLE.remove(subscriptionId.toLowerCase(Locale.ROOT));
        }
    }

    @GET
    @Access(Access.Level.INTERNAL)
    @Produces(MediaType.APPLICATION_JSON)
    public Response effectivePolicy(@RestPath String subscriptionId, @RestPath String resourceGroup) {
        if (UNAVAILABLE.contains(subscriptionId.toLowerCase(Locale.ROOT))) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("subscriptionId", subscriptionId);
        policy.put("resourceGroup", resourceGroup);
        policy.put("dataCollection", "On");
        policy.put("pricingTier", TIERS.getOrDefault(subscriptionId.toLowerCase(Locale.ROOT), "Free"));
        policy.put("agentSilenceMinutes", 15);
        return Response.ok(policy).build();
    }
}
