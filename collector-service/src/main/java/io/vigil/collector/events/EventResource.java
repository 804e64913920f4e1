package io.vigil.collector.events;

import io.smallrye.mutiny.Uni;
import io.vigil.collector.policy.PolicyReader;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Security events as the machine's own logs hold them. */
@Path("/api/v1/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/machines/{name}/events")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.INGEST)
public class EventResource {

    static final int MAX_LINES = 50_000;

    private final EventService events;
    private final PolicyReader policies;

    public EventResource(EventService events, PolicyReader policies) {
        this.events = events;
        this.policies = policies;
    }

    /** Syslog, one entry per line; {@code timezone} is the zone of timestamps that carry none. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public Uni<Response> syslog(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestQuery String timezone,
            String body) {
        Identifiers.subscription(subscriptionId);
        Identifiers.resourceGroup(resourceGroup);
        Identifiers.machine(name);
        ZoneId zone = parseZone(timezone);
        List<String> lines = body == null ? List.of() : body.lines().toList();
        if (lines.size() > MAX_LINES) {
            throw new ApiException(
                    413,
                    "too-many-lines",
                    "Too many lines",
                    "An upload holds at most " + MAX_LINES + " lines; this one has " + lines.size());
        }
        MachineRef ref = new MachineRef(subscriptionId, resourceGroup, name);

        return policies.requireDataCollection(subscriptionId, resourceGroup)
                .flatMap(policy -> events.ingestSyslog(ref, lines, zone))
                .map(result -> Response.accepted(result).build());
    }

    private static ZoneId parseZone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timezone", "timezone must be a zone id such as Europe/Paris or UTC");
        }
    }
}
