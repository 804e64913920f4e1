package io.vigil.collector.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vigil.collector.idempotency.Idempotency;
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
import jakarta.ws.rs.core.UriInfo;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Security events as the machine's own logs hold them: syslog lines, or a JSON array of events. */
@Path("/api/v1/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/machines/{name}/events")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.INGEST)
public class EventResource {

    /**
     * The most entries one upload may hold: syslog lines or elements of a JSON array. With the 16 MB body limit it
     * lets through a real batch (10 MB of sshd lines is about 100,000 of them) and bounds what one upload can cost:
     * each entry becomes an event, or a refusal that the answer names.
     */
    static final int MAX_ENTRIES = 200_000;

    private final EventService events;
    private final PolicyReader policies;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Vertx vertx;

    public EventResource(
            EventService events, PolicyReader policies, Idempotency idempotency, ObjectMapper json, Vertx vertx) {
        this.events = events;
        this.policies = policies;
        this.idempotency = idempotency;
        this.json = json;
        this.vertx = vertx;
    }

    /** Syslog, one entry per line; {@code timezone} is the zone of timestamps that carry none. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public Uni<Response> syslog(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestQuery String timezone,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            UriInfo uri,
            String body) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);
        ZoneId zone = parseZone(timezone);
        String text = body == null ? "" : body;
        String fingerprint = Idempotency.fingerprint(
                "POST", uri.getRequestUri().getRawPath() + "?" + timezone, MediaType.TEXT_PLAIN, body);

        // Counting the lines of a batch of several megabytes is CPU work too; the lines are split once, when read.
        return vertx.executeBlocking(Uni.createFrom().item(() -> lineCount(text)))
                .flatMap(lines -> {
                    if (lines > MAX_ENTRIES) {
                        throw new ApiException(
                                413,
                                "too-many-lines",
                                "Too many lines",
                                "An upload holds at most " + MAX_ENTRIES + " lines; this one has " + lines);
                    }
                    return idempotency.once(
                            subscriptionId,
                            idempotencyKey,
                            fingerprint,
                            claim -> policies.requireDataCollection(subscriptionId, resourceGroup)
                                    .flatMap(policy -> events.ingestSyslog(ref, text, lines, zone, claim))
                                    .map(result -> Response.accepted(result).build()));
                });
    }

    /** A JSON array of Windows Security events (flat or nested form) or of Vigil events. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> json(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            UriInfo uri,
            String body) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);
        String fingerprint =
                Idempotency.fingerprint("POST", uri.getRequestUri().getRawPath(), MediaType.APPLICATION_JSON, body);

        // Reading a batch of several megabytes is CPU work: off the event loop, back on the request's context after.
        return vertx.executeBlocking(Uni.createFrom().item(() -> parseArray(body)))
                .flatMap(entries -> {
                    if (entries.size() > MAX_ENTRIES) {
                        throw new ApiException(
                                413,
                                "too-many-entries",
                                "Too many entries",
                                "An upload holds at most " + MAX_ENTRIES + " events; this one has " + entries.size());
                    }
                    return idempotency.once(
                            subscriptionId,
                            idempotencyKey,
                            fingerprint,
                            claim -> policies.requireDataCollection(subscriptionId, resourceGroup)
                                    .flatMap(policy -> events.ingestJson(ref, entries, claim))
                                    .map(result -> Response.accepted(result).build()));
                });
    }

    private JsonNode parseArray(String body) {
        JsonNode entries;
        try {
            entries = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed-body", "Malformed request body", "The body is not valid JSON");
        }
        if (entries == null || !entries.isArray()) {
            throw new ApiException(
                    400, "malformed-body", "Malformed request body", "The body must be a JSON array of events");
        }
        return entries;
    }

    /** The lines {@link String#lines} gives: ended by LF, CR or CRLF, the last one also by the end of the text. */
    static int lineCount(String text) {
        int lines = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines++;
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
            }
        }
        boolean unterminated = length > 0 && text.charAt(length - 1) != '\n' && text.charAt(length - 1) != '\r';
        return unterminated ? lines + 1 : lines;
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
