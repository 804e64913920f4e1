package io.vigil.collector.scan;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.policy.PolicyReader;
import io.vigil.collector.report.ReportService;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A scanner's own report (Trivy or Grype JSON, an XCCDF 1.2 result file), imported as the state report sections it
 * covers: findings as the vulnerability assessment, rule results as the baseline. A report is imported whole or
 * refused: past the body limit or the state report's counts it is a 413, never cut.
 */
@Path("/api/v1/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/machines/{name}/scans")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.INGEST)
public class ScanResource {

    private static final String FORMATS =
            Arrays.stream(ScanFormat.values()).map(ScanFormat::parameter).collect(Collectors.joining(", "));

    private final ReportService reports;
    private final PolicyReader policies;
    private final Idempotency idempotency;
    private final Vertx vertx;

    public ScanResource(ReportService reports, PolicyReader policies, Idempotency idempotency, Vertx vertx) {
        this.reports = reports;
        this.policies = policies;
        this.idempotency = idempotency;
        this.vertx = vertx;
    }

    /** The answer: what was imported, by Vigil's severities and the scanner's own, and what was left out. */
    public record ScanAccepted(String format, ScanSummary summary) {}

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> scan(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestQuery String format,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            UriInfo uri,
            byte[] body) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);
        ScanFormat scanFormat = ScanFormat.of(format)
                .orElseThrow(() -> ApiException.badRequest("format", "format must be one of " + FORMATS));
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("body", "the scanner's report is required");
        }
        String fingerprint =
                Idempotency.fingerprint("POST", uri.getPath() + "?format=" + scanFormat.parameter(), null, body);

        return idempotency.once(
                subscriptionId,
                idempotencyKey,
                fingerprint,
                claim -> policies.requireDataCollection(subscriptionId, resourceGroup)
                        .flatMap(policy -> read(scanFormat, body))
                        .flatMap(imported -> {
                            ScanAccepted accepted = new ScanAccepted(scanFormat.parameter(), imported.summary());
                            return reports.store(ref, imported.toStateReport(), claim, accepted)
                                    .replaceWith(Response.accepted(accepted).build());
                        }));
    }

    /** Reading a report of several megabytes is CPU work: off the event loop, back on the request's context after. */
    private Uni<ScanImport> read(ScanFormat format, byte[] body) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return format.read(new ByteArrayInputStream(body));
            } catch (UnreadableScanException e) {
                throw ApiException.badRequest(
                        "body", "The " + format.parameter() + " report cannot be read: " + e.getMessage());
            } catch (ScanTooLargeException e) {
                throw new ApiException(413, "report-too-large", "Report too large", e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
