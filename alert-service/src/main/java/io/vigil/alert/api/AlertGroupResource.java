package io.vigil.alert.api;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.service.AlertGroups;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Alerts counted per type or per day, split by severity: the figures of a dashboard. */
@Path("/api/v1/subscriptions/{subscriptionId}/alertGroups")
@Produces(MediaType.APPLICATION_JSON)
public class AlertGroupResource {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    private static final Duration LONGEST_RANGE = Duration.ofDays(400);

    private final AlertGroups groups;

    public AlertGroupResource(AlertGroups groups) {
        this.groups = groups;
    }

    @GET
    @Access(Access.Level.READ)
    @Operation(summary = "Counts of the alerts that started in [from, to), per type or per UTC day, by severity")
    public Uni<Page<AlertGroup>> groups(
            @RestPath String subscriptionId,
            @Parameter(description = "type or date", required = true) @RestQuery String by,
            @Parameter(description = "ISO-8601 time; default 30 days before to") @RestQuery String from,
            @Parameter(description = "ISO-8601 time; default now") @RestQuery String to) {
        Identifiers.subscription(subscriptionId);
        AlertGroups.By grouping = grouping(by);
        Instant end = to == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : Parameters.time("to", to);
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : Parameters.time("from", from);
        Parameters.requireOrder(start, end);
        if (Duration.between(start, end).compareTo(LONGEST_RANGE) > 0) {
            throw ApiException.badRequest(
                    "from", "from and to may be at most " + LONGEST_RANGE.toDays() + " days apart");
        }

        return groups.groups(subscriptionId, grouping, start, end).map(found -> new Page<>(found, null));
    }

    private static AlertGroups.By grouping(String by) {
        if (by == null) {
            throw ApiException.badRequest("by", "by is required: type or date");
        }
        try {
            return AlertGroups.By.valueOf(by);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("by", "by must be type or date");
        }
    }
}
