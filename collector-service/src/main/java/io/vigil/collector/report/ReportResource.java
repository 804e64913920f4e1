package io.vigil.collector.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.policy.PolicyReader;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.security.Access;
import io.vigil.common.state.StateReport;
import io.vigil.common.validation.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * State reports in Vigil's JSON. A report for a machine not yet registered registers it: an agent may send its first
 * report before its first heartbeat, and refusing it would lose what it saw.
 */
@Path("/api/v1/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/machines/{name}/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Access(Access.Level.INGEST)
public class ReportResource {

    private final ReportService reports;
    private final PolicyReader policies;
    private final Idempotency idempotency;
    private final ObjectMapper json;

    public ReportResource(ReportService reports, PolicyReader policies, Idempotency idempotency, ObjectMapper json) {
        this.reports = reports;
        this.policies = policies;
        this.idempotency = idempotency;
        this.json = json;
    }

    @POST
    public Uni<Response> report(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            UriInfo uri,
            @Valid @NotNull StateReport report)
            throws JsonProcessingException {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);

        // The report as read, so a repeat that differs only in spacing or field order is still the same request.
        String fingerprint = Idempotency.fingerprint(
                "POST", uri.getPath(), MediaType.APPLICATION_JSON, json.writeValueAsString(report));

        return idempotency.once(
                subscriptionId,
                idempotencyKey,
                fingerprint,
                claim -> policies.requireDataCollection(subscriptionId, resourceGroup)
                        .flatMap(policy -> reports.store(ref, report, claim, null))
                        .map(stored -> Response.accepted().build()));
    }
}
