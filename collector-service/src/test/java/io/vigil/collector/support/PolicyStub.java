package io.vigil.collector.support;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.security.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Stands in for policy-service's internal effective policy endpoint, and like it takes only the collector's
 * credential: answers per subscription what the test set, or policy-service's defaults (data collection off) for a
 * subscription never set.
 */
@Path("/internal/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/effectivePolicy")
@Access(Access.Level.INTERNAL)
public class PolicyStub {

    public static final int DEFAULT_SILENCE_MINUTES = 15;

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();

    public static void dataCollection(String subscriptionId, Switch value) {
        ANSWERS.put(subscriptionId, new Answer(value, DEFAULT_SILENCE_MINUTES, false));
    }

    /** Data collection on, and agents of the subscription judged unresponsive after {@code minutes} of silence. */
    public static void silenceMinutes(String subscriptionId, int minutes) {
        ANSWERS.put(subscriptionId, new Answer(Switch.On, minutes, false));
    }

    public static void unavailable(String subscriptionId) {
        ANSWERS.put(subscriptionId, new Answer(Switch.On, DEFAULT_SILENCE_MINUTES, true));
    }

    @GET
    @Operation(hidden = true)
    @Produces(MediaType.APPLICATION_JSON)
    public Response effectivePolicy(@RestPath String subscriptionId, @RestPath String resourceGroup) {
        Answer answer = ANSWERS.getOrDefault(subscriptionId, new Answer(Switch.Off, DEFAULT_SILENCE_MINUTES, false));
        if (answer.unavailable()) {
            return Response.status(503).build();
        }
        EffectivePolicy.Sources sources = new EffectivePolicy.Sources(
                ValueSource.SUBSCRIPTION,
                ValueSource.DEFAULT,
                new EffectivePolicy.RecommendationSources(
                        ValueSource.DEFAULT,
                        ValueSource.DEFAULT,
                        ValueSource.DEFAULT,
                        ValueSource.DEFAULT,
                        ValueSource.DEFAULT),
                ValueSource.DEFAULT,
                ValueSource.DEFAULT);
        return Response.ok(new EffectivePolicy(
                        subscriptionId,
                        resourceGroup,
                        answer.dataCollection(),
                        PricingTier.Free,
                        RecommendationSwitches.ALL_ON,
                        SecurityContact.NONE,
                        answer.silenceMinutes(),
                        sources))
                .build();
    }

    private record Answer(Switch dataCollection, int silenceMinutes, boolean unavailable) {}
}
