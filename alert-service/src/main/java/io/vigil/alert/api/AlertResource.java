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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/subscriptions/{subscriptionId}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

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
                Parameters.enumValue("status", status, AlertStatus.class),
                Parameters.enumValue("severity", severity, Severity.class),
                Parameters.enumValue("alertType", alertType, AlertType.class),
                resourceGroup == null ? null : Identifiers.resourceGroup(resourceGroup),
                machine == null ? null : Identifiers.machine(machine),
                Parameters.time("from", from),
                Parameters.time("to", to));
        Parameters.requireOrder(filter.from(), filter.to());
        int size = Parameters.limit(limit);
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
        UUID id = Parameters.uuid("alertId", alertId);

        return alerts.find(subscriptionId, id);
    }

    @POST
    @Access(Access.Level.ADMIN)
    @Path("/{alertId}/{action}")
    public Uni<Alert> changeStatus(
            @RestPath String subscriptionId,
            @RestPath String alertId,
            @RestPath String action,
            SecurityContext caller) {
        Identifiers.subscription(subscriptionId);
        UUID id = Parameters.uuid("alertId", alertId);
        AlertStatus target = ACTIONS.get(action);
        if (target == null) {
            throw ApiException.badRequest("action", "action must be one of dismiss, resolve, activate, inProgress");
        }

        return alerts.changeStatus(subscriptionId, id, target, Parameters.callerOf(caller));
    }
}
