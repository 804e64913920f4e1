package io.vigil.alert.api;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import io.vigil.alert.service.AlertCursor;
import io.vigil.alert.service.AlertFilter;
import io.vigil.alert.service.AlertService;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/subscriptions/{subscriptionId}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private static final Map<String, AlertStatus> ACTIONS = Map.of(
            "dismiss", AlertStatus.Dismissed,
            "resolve", AlertStatus.Resolved,
            "activate", AlertStatus.Active,
            "inProgress", AlertStatus.InProgress);

    private final AlertService alerts;

    public AlertResource(AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @Access(Access.Level.READ)
    public Uni<Page<Alert>> list(
            @RestPath String subscriptionId,
            @RestQuery String status,
            @RestQuery String severity,
            @RestQuery String alertType,
            @RestQuery String resourceGroup,
            @RestQuery String machine,
            @RestQuery String from,
            @RestQuery String to,
            @RestQuery String skipToken,
            @RestQuery Integer limit,
            UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        AlertFilter filter = new AlertFilter(
                enumValue("status", status, AlertStatus.class),
                enumValue("severity", severity, Severity.class),
                enumValue("alertType", alertType, AlertType.class),
                resourceGroup == null ? null : Identifiers.resourceGroup(resourceGroup),
                machine == null ? null : Identifiers.machine(machine),
                time("from", from),
                time("to", to));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw ApiException.badRequest("to", "to must be later than from");
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        AlertCursor after = skipToken == null ? null : AlertCursor.parse(skipToken);

        return alerts.list(subscriptionId, filter, after, size)
                .map(page -> new Page<>(
                        page.alerts(),
                        page.next() == null
                                ? null
                                : uri.getRequestUriBuilder()
                                        .replaceQueryParam(
                                                "skipToken", page.next().token())
                                        .build()
                                        .toString()));
    }

    @GET
    @Access(Access.Level.READ)
    @Path("/{alertId}")
    public Uni<Alert> find(@RestPath String subscriptionId, @RestPath String alertId) {
        Identifiers.subscription(subscriptionId);
        UUID id = alertId(alertId);

        return alerts.find(subscriptionId, id);
    }

    @POST
    @Access(Access.Level.ADMIN)
    @Path("/{alertId}/{action}")
    public Uni<Alert> changeStatus(@RestPath String subscriptionId, @RestPath String alertId, @RestPath String action) {
        Identifiers.subscription(subscriptionId);
        UUID id = alertId(alertId);
        AlertStatus target = ACTIONS.get(action);
        if (target == null) {
            throw ApiException.badRequest("action", "action must be one of dismiss, resolve, activate, inProgress");
        }

        return alerts.changeStatus(subscriptionId, id, target);
    }

    private static UUID alertId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("alertId", "alertId must be a UUID");
        }
    }

    private static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw ApiException.badRequest(field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    field, field + " must be an ISO-8601 time with a zone, e.g. 2026-12-01T10:00:00Z");
        }
    }
}
