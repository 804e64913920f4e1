package io.vigil.recommendation.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import io.vigil.recommendation.health.HealthState;
import io.vigil.recommendation.health.MachineHealth;
import io.vigil.recommendation.health.SecureScore;
import io.vigil.recommendation.model.Severity;
import io.vigil.recommendation.persistence.HealthQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The health view: each machine's controls, and the subscription's summary with its secure score. */
@Path("/api/v1/subscriptions/{subscriptionId}")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.READ)
public class HealthResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final HealthQueries queries;

    public HealthResource(HealthQueries queries) {
        this.queries = queries;
    }

    /**
     * A machine and its health on each control; {@code controls} is absent until the machine is first evaluated.
     * {@code reasons} names, for each unhealthy control, what makes it so.
     */
    public record MachineHealthView(
            String resourceId,
            String name,
            String resourceGroup,
            String osType,
            String agentStatus,
            Instant lastHeartbeat,
            HealthState health,
            MachineHealth controls,
            Map<String, List<String>> reasons) {}

    public record MachineCounts(long total, long healthy, long unhealthy, long notApplicable) {}

    public record RecommendationCounts(long active, Map<Severity, Long> bySeverity) {}

    public record SecurityHealth(
            String subscriptionId,
            MachineCounts machines,
            RecommendationCounts recommendations,
            SecureScore secureScore) {}

    @GET
    @Path("/machines/health")
    public Uni<Page<MachineHealthView>> machines(
            @RestPath String subscriptionId,
            @RestQuery String resourceGroup,
            @RestQuery String health,
            @RestQuery String after,
            @RestQuery Integer limit,
            UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        String groupKey = resourceGroup == null
                ? null
                : Identifiers.resourceGroup(resourceGroup).toLowerCase(Locale.ROOT);
        HealthState state = healthOf(health);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        String afterKey = after == null ? null : cursor(subscriptionId, after);

        return queries.page(subscriptionId, groupKey, state, afterKey, size).map(rows -> {
            List<MachineHealthView> views = rows.stream()
                    .map(row -> new MachineHealthView(
                            new MachineRef(subscriptionId, row.resourceGroup(), row.name()).resourceId(),
                            row.name(),
                            row.resourceGroup(),
                            row.osType(),
                            row.agentStatus(),
                            row.lastHeartbeat(),
                            row.health(),
                            row.controls(),
                            row.reasons()))
                    .toList();
            String next = rows.size() < size
                    ? null
                    : uri.getRequestUriBuilder()
                            .replaceQueryParam(
                                    "after",
                                    nextCursor(rows.get(rows.size() - 1).machineKey()))
                            .build()
                            .toString();
            return new Page<>(views, next);
        });
    }

    @GET
    @Path("/securityHealth")
    public Uni<SecurityHealth> summary(@RestPath String subscriptionId) {
        Identifiers.subscription(subscriptionId);

        return queries.counts(subscriptionId)
                .chain(counts -> queries.activeBySeverity(subscriptionId)
                        .map(bySeverity -> new SecurityHealth(
                                subscriptionId,
                                new MachineCounts(
                                        counts.machines(),
                                        counts.healthy(),
                                        counts.unhealthy(),
                                        counts.notApplicable()),
                                new RecommendationCounts(
                                        bySeverity.values().stream()
                                                .mapToLong(Long::longValue)
                                                .sum(),
                                        bySeverity),
                                SecureScore.of(counts.byControl()))));
    }

    private static HealthState healthOf(String value) {
        if (value == null) {
            return null;
        }
        try {
            return HealthState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("health", "health must be one of " + Arrays.toString(HealthState.values()));
        }
    }

    /** An opaque cursor: the last machine's key, which is a resource id, in URL-safe base64 so no client mangles it. */
    private static String nextCursor(String machineKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(machineKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String cursor(String subscriptionId, String after) {
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            key = "";
        }
        String prefix = "/subscriptions/" + subscriptionId + "/resourcegroups/";
        String rest = key.startsWith(prefix) ? key.substring(prefix.length()) : null;
        String[] parts = rest == null ? new String[0] : rest.split("/machines/", -1);
        if (parts.length != 2 || !Identifiers.isResourceGroup(parts[0]) || !Identifiers.isMachine(parts[1])) {
            throw ApiException.badRequest("after", "after must be a value taken from a nextLink");
        }
        return key;
    }
}
