package io.vigil.alert.api;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.detection.Catalogue;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.model.RuleOverride;
import io.vigil.alert.service.DetectionRuleService;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** The catalogue as one subscription runs it, and its overrides of enabled, threshold and window. */
@Path("/api/v1/subscriptions/{subscriptionId}/detectionRules")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionRuleResource {

    static final int MAX_THRESHOLD = 100_000;
    static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);
    static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private final DetectionRuleService rules;

    public SubscriptionRuleResource(DetectionRuleService rules) {
        this.rules = rules;
    }

    /** A subscription's values; each left out or null keeps the deployment's. */
    public record OverrideBody(Boolean enabled, Integer threshold, String window) {}

    @GET
    @Access(Access.Level.READ)
    public Uni<Page<SubscriptionRuleView>> list(@RestPath String subscriptionId) {
        Identifiers.subscription(subscriptionId);

        return rules.list(subscriptionId).map(found -> new Page<>(found, null));
    }

    @GET
    @Path("/{ruleId}")
    @Access(Access.Level.READ)
    public Uni<SubscriptionRuleView> find(@RestPath String subscriptionId, @RestPath String ruleId) {
        Identifiers.subscription(subscriptionId);
        DetectionRule rule = rule(ruleId);

        return rules.find(subscriptionId, rule);
    }

    @PUT
    @Path("/{ruleId}")
    @Access(Access.Level.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the subscription's values for a rule",
            description = "enabled, threshold (1-100000) and window (ISO-8601, PT1S to P7D); a value left out or null"
                    + " keeps the deployment's. Events delivered afterwards are judged by the new values.")
    public Uni<SubscriptionRuleView> override(
            @RestPath String subscriptionId, @RestPath String ruleId, OverrideBody body, SecurityContext caller) {
        Identifiers.subscription(subscriptionId);
        DetectionRule rule = rule(ruleId);
        if (body == null) {
            throw ApiException.badRequest("body", "a body with enabled, threshold or window is required");
        }
        if (body.threshold() != null && (body.threshold() < 1 || body.threshold() > MAX_THRESHOLD)) {
            throw ApiException.badRequest("threshold", "threshold must be between 1 and " + MAX_THRESHOLD);
        }
        RuleOverride values = new RuleOverride(
                body.enabled(), body.threshold(), window(body.window()), Parameters.callerOf(caller), null);

        return rules.override(subscriptionId, rule, values);
    }

    private static DetectionRule rule(String ruleId) {
        return Catalogue.find(Parameters.ruleId(ruleId))
                .orElseThrow(() -> ApiException.notFound("No detection rule " + ruleId + " in the catalogue"));
    }

    private static Duration window(String text) {
        if (text == null) {
            return null;
        }
        Duration window;
        try {
            window = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("window", "window must be an ISO-8601 duration such as PT5M");
        }
        if (window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
            throw ApiException.badRequest("window", "window must be from PT1S to P7D");
        }
        return window;
    }
}
