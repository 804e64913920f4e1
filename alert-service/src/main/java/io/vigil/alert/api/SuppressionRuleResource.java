package io.vigil.alert.api;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.detection.Addresses;
import io.vigil.alert.model.EntityMatch;
import io.vigil.alert.service.SuppressionService;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Suppression rules: new matching alerts are created Dismissed until the rule expires. */
@Path("/api/v1/subscriptions/{subscriptionId}/alertSuppressionRules")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionRuleResource {

    static final int MAX_MATCHES = 20;
    static final int MAX_REASON = 500;
    static final int MAX_VALUE = 256;
    static final int LONGEST_MONTHS = 6;

    private final SuppressionService suppressions;

    public SuppressionRuleResource(SuppressionService suppressions) {
        this.suppressions = suppressions;
    }

    @GET
    @Access(Access.Level.READ)
    public Uni<Page<SuppressionRule>> list(
            @RestPath String subscriptionId, @RestQuery String skipToken, @RestQuery Integer limit, UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        String after = Parameters.nameAfter(skipToken);
        int size = Parameters.limit(limit);

        return suppressions
                .list(subscriptionId, after, size)
                .map(page -> new Page<>(
                        page.rules(),
                        page.next() == null
                                ? null
                                : uri.getRequestUriBuilder()
                                        .replaceQueryParam("skipToken", Parameters.nameToken(page.next()))
                                        .build()
                                        .toString()));
    }

    @GET
    @Path("/{name}")
    @Access(Access.Level.READ)
    public Uni<SuppressionRule> find(@RestPath String subscriptionId, @RestPath String name) {
        Identifiers.subscription(subscriptionId);
        Parameters.suppressionName(name);

        return suppressions.find(subscriptionId, name);
    }

    @PUT
    @Path("/{name}")
    @Access(Access.Level.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create (201) or replace (200) a suppression rule",
            description = "alertType, entities (each {type: ip, address} or {type: account|machine|process|malware,"
                    + " name}; all must"
                    + " match; none means every alert of the type), reason, and expiresAt at most 6 months ahead."
                    + " Only alerts raised afterwards are affected.")
    public Uni<Response> save(
            @RestPath String subscriptionId, @RestPath String name, SuppressionRule.Body body, SecurityContext caller) {
        Identifiers.subscription(subscriptionId);
        Parameters.suppressionName(name);
        SuppressionRule.Body valid = validated(body);

        return suppressions
                .save(subscriptionId, name, valid, Parameters.callerOf(caller))
                .map(saved -> Response.status(saved.created() ? 201 : 200)
                        .entity(saved.rule())
                        .build());
    }

    @DELETE
    @Path("/{name}")
    @Access(Access.Level.ADMIN)
    @Operation(summary = "Remove a suppression rule; alerts it dismissed stay dismissed")
    public Uni<Response> delete(@RestPath String subscriptionId, @RestPath String name, SecurityContext caller) {
        Identifiers.subscription(subscriptionId);
        Parameters.suppressionName(name);

        return suppressions
                .delete(subscriptionId, name, Parameters.callerOf(caller))
                .map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{name}/simulate")
    @Access(Access.Level.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Simulate a suppression rule before saving it",
            description = "Takes the body a PUT would take and answers how many of the subscription's alerts of the"
                    + " type that started in the last 30 days it would hit (matchingAlerts), and how many of those are"
                    + " open (openAlerts). Nothing is saved or changed.")
    public Uni<SuppressionRule.Simulation> simulate(
            @RestPath String subscriptionId, @RestPath String name, SuppressionRule.Body body) {
        Identifiers.subscription(subscriptionId);
        Parameters.suppressionName(name);
        SuppressionRule.Body valid = validated(body);

        return suppressions.simulate(subscriptionId, name, valid);
    }

    private static SuppressionRule.Body validated(SuppressionRule.Body body) {
        if (body == null) {
            throw ApiException.badRequest("body", "a body with alertType, entities, reason and expiresAt is required");
        }
        if (body.alertType() == null) {
            throw ApiException.badRequest("alertType", "alertType is required");
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
            throw ApiException.badRequest("reason", "reason is required, at most " + MAX_REASON + " characters");
        }
        Instant now = Instant.now();
        Instant latest = now.atOffset(ZoneOffset.UTC).plusMonths(LONGEST_MONTHS).toInstant();
        if (body.expiresAt() == null
                || !body.expiresAt().isAfter(now)
                || body.expiresAt().isAfter(latest)) {
            throw ApiException.badRequest(
                    "expiresAt",
                    "expiresAt is required, in the future and at most " + LONGEST_MONTHS + " months ahead");
        }
        List<EntityMatch> given = body.entities() == null ? List.of() : body.entities();
        if (given.size() > MAX_MATCHES) {
            throw ApiException.badRequest("entities", "entities may hold at most " + MAX_MATCHES + " matches");
        }
        List<EntityMatch> matches = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            matches.add(match(given.get(i), "entities[" + i + "]"));
        }
        return new SuppressionRule.Body(
                body.alertType(), List.copyOf(matches), body.reason().trim(), body.expiresAt());
    }

    /** An address is kept in its canonical spelling, so it compares as alerts store theirs. */
    private static EntityMatch match(EntityMatch match, String field) {
        if (match == null || match.type() == null || !EntityMatch.TYPES.contains(match.type())) {
            throw ApiException.badRequest(field + ".type", field + ".type must be one of " + EntityMatch.TYPES);
        }
        if (match.type().equals("ip")) {
            if (!present(match.address()) || match.name() != null) {
                throw ApiException.badRequest(field + ".address", field + " of type ip needs an address, no name");
            }
            return new EntityMatch("ip", Addresses.normalize(match.address()), null);
        }
        if (!present(match.name()) || match.address() != null) {
            throw ApiException.badRequest(
                    field + ".name", field + " of type " + match.type() + " needs a name, no address");
        }
        if (match.type().equals("machine")) {
            Identifiers.machine(match.name().trim());
        }
        return new EntityMatch(match.type(), null, match.name().trim());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_VALUE;
    }
}
