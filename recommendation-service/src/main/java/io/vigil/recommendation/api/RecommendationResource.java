package io.vigil.recommendation.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import io.vigil.recommendation.config.RecommendationConfig;
import io.vigil.recommendation.model.RecommendationState;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.Severity;
import io.vigil.recommendation.persistence.RecommendationEntity;
import io.vigil.recommendation.persistence.RecommendationFilter;
import io.vigil.recommendation.service.RecommendationService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/subscriptions/{subscriptionId}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private static final int MAX_PAGE = 200;

    private final RecommendationService recommendations;
    private final RecommendationConfig config;

    public RecommendationResource(RecommendationService recommendations, RecommendationConfig config) {
        this.recommendations = recommendations;
        this.config = config;
    }

    @GET
    @Access(Access.Level.READ)
    public Uni<Page<RecommendationView>> list(
            @RestPath String subscriptionId,
            @RestQuery String state,
            @RestQuery String severity,
            @RestQuery String type,
            @RestQuery String resourceGroup,
            @RestQuery String machine,
            @RestQuery Integer limit,
            @RestQuery String after,
            UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        RecommendationFilter filter = new RecommendationFilter(
                subscriptionId,
                enumOf("state", state, RecommendationState.class),
                enumOf("severity", severity, Severity.class),
                enumOf("type", type, RecommendationType.class),
                resourceGroup == null ? null : lower(Identifiers.resourceGroup(resourceGroup)),
                machine == null ? null : lower(Identifiers.machine(machine)));
        int size = limit == null ? config.defaultPageSize() : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        UUID start = after == null ? null : uuid("after", after);

        return recommendations.page(filter, start, size + 1).map(found -> page(found, size, uri));
    }

    @GET
    @Access(Access.Level.READ)
    @Path("/{id}")
    public Uni<RecommendationView> get(@RestPath String subscriptionId, @RestPath String id) {
        Identifiers.subscription(subscriptionId);
        UUID recommendationId = uuid("id", id);

        return recommendations.find(subscriptionId, recommendationId).map(RecommendationView::of);
    }

    @POST
    @Access(Access.Level.ADMIN)
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RecommendationView> dismiss(
            @RestPath String subscriptionId, @RestPath String id, @Valid @NotNull DismissRequest request) {
        Identifiers.subscription(subscriptionId);
        UUID recommendationId = uuid("id", id);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw ApiException.badRequest("expiresAt", "expiresAt must be in the future");
        }

        return recommendations
                .dismiss(subscriptionId, recommendationId, request.reason(), request.expiresAt())
                .map(RecommendationView::of);
    }

    @POST
    @Access(Access.Level.ADMIN)
    @Path("/{id}/activate")
    public Uni<RecommendationView> activate(@RestPath String subscriptionId, @RestPath String id) {
        Identifiers.subscription(subscriptionId);
        UUID recommendationId = uuid("id", id);

        return recommendations.activate(subscriptionId, recommendationId).map(RecommendationView::of);
    }

    /** One row more than the page was read: its presence is what says a next page exists. */
    private static Page<RecommendationView> page(List<RecommendationEntity> found, int size, UriInfo uri) {
        List<RecommendationView> values =
                found.stream().limit(size).map(RecommendationView::of).toList();
        String next = found.size() <= size
                ? null
                : uri.getRequestUriBuilder()
                        .replaceQueryParam(
                                "after", values.get(values.size() - 1).id())
                        .build()
                        .toString();
        return new Page<>(values, next);
    }

    private static <E extends Enum<E>> E enumOf(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static UUID uuid(String field, String value) {
        try {
            UUID parsed = UUID.fromString(value);
            // fromString also takes shortened groups such as 1-2-3-4-5; only the canonical form names an id.
            if (parsed.toString().equalsIgnoreCase(value)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // answered below, like any other malformed id
        }
        throw ApiException.badRequest(field, field + " must be a recommendation id (a UUID)");
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
