package io.vigil.collector.machine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.policy.PolicyReader;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/subscriptions/{subscriptionId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MachineResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final MachineService machines;
    private final AgentLiveness liveness;
    private final PolicyReader policies;
    private final Idempotency idempotency;
    private final ObjectMapper json;

    public MachineResource(
            MachineService machines,
            AgentLiveness liveness,
            PolicyReader policies,
            Idempotency idempotency,
            ObjectMapper json) {
        this.machines = machines;
        this.liveness = liveness;
        this.policies = policies;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PUT
    @Path("/resourceGroups/{resourceGroup}/machines/{name}")
    @Access(Access.Level.INGEST)
    public Uni<Machine> register(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @Valid @NotNull MachineRegistration registration) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);

        return machines.register(ref, registration).flatMap(this::view);
    }

    @GET
    @Path("/resourceGroups/{resourceGroup}/machines/{name}")
    @Access(Access.Level.READ)
    public Uni<Machine> machine(
            @RestPath String subscriptionId, @RestPath String resourceGroup, @RestPath String name) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);

        return machines.find(ref).flatMap(this::view);
    }

    /** Forgets the machine; its reports and events go with it, and its recommendations and alerts downstream. */
    @DELETE
    @Path("/resourceGroups/{resourceGroup}/machines/{name}")
    @Access(Access.Level.ADMIN)
    public Uni<Response> delete(
            @RestPath String subscriptionId, @RestPath String resourceGroup, @RestPath String name) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);

        return machines.delete(ref).map(done -> Response.noContent().build());
    }

    /**
     * Moves the machine to another resource group of the subscription; it answers under its new resource id. A repeat
     * under the same idempotency key answers with the machine as it is now, where the first request put it.
     */
    @POST
    @Path("/resourceGroups/{resourceGroup}/machines/{name}/move")
    @Access(Access.Level.ADMIN)
    public Uni<Response> move(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            UriInfo uri,
            @Valid @NotNull MoveRequest move)
            throws JsonProcessingException {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);
        Identifiers.resourceGroup(move.resourceGroup());
        MachineRef target = new MachineRef(subscriptionId, move.resourceGroup(), name);
        String fingerprint = Idempotency.fingerprint(
                "POST", uri.getPath(), MediaType.APPLICATION_JSON, json.writeValueAsString(move));

        return idempotency.once(
                subscriptionId,
                idempotencyKey,
                fingerprint,
                claim -> machines.move(ref, move.resourceGroup(), claim)
                        .flatMap(this::view)
                        .map(view -> Response.ok(view).build()),
                answer -> machines.find(target)
                        .flatMap(this::view)
                        .map(view -> Response.ok(view)
                                .header(Idempotency.REPLAYED_HEADER, "true")
                                .build()));
    }

    /** Agents send no body; whatever content type they name is accepted. */
    @POST
    @Path("/resourceGroups/{resourceGroup}/machines/{name}/heartbeat")
    @Access(Access.Level.INGEST)
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> heartbeat(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            UriInfo uri) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);
        String fingerprint = Idempotency.fingerprint("POST", uri.getPath());

        return idempotency.once(
                subscriptionId,
                idempotencyKey,
                fingerprint,
                claim -> liveness.heartbeat(ref, claim)
                        .map(done -> Response.noContent().build()));
    }

    /**
     * Keyset paging by machine id. A status filter is applied after the status is computed, so a page is filled by
     * reading on until it has {@code limit} machines or the subscription has no more.
     */
    @GET
    @Path("/machines")
    @Access(Access.Level.READ)
    public Uni<Page<Machine>> list(
            @RestPath String subscriptionId,
            @RestQuery String resourceGroup,
            @RestQuery String agentStatus,
            @RestQuery String after,
            @RestQuery Integer limit,
            UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        if (resourceGroup != null) {
            Identifiers.resourceGroup(resourceGroup);
        }
        AgentStatus status = parseStatus(agentStatus);
        long afterId = parseCursor(after);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        Query query = new Query(subscriptionId, resourceGroup, status, size, new StatusSource());

        return collect(query, afterId, new ArrayList<>()).map(found -> page(found, size, uri));
    }

    private Uni<List<Listed>> collect(Query query, long afterId, List<Listed> found) {
        Boolean heartbeatSeen = query.status() == null ? null : query.status() != AgentStatus.NeverReported;
        return machines.listAfter(query.subscriptionId(), query.resourceGroup(), heartbeatSeen, afterId, query.size())
                .flatMap(chunk -> views(chunk, query.statuses()).flatMap(listed -> {
                    for (Listed machine : listed) {
                        if (query.status() == null || machine.view().agentStatus() == query.status()) {
                            found.add(machine);
                            if (found.size() == query.size()) {
                                return Uni.createFrom().item(found);
                            }
                        }
                    }
                    return chunk.size() < query.size()
                            ? Uni.createFrom().item(found)
                            : collect(query, chunk.get(chunk.size() - 1).id, found);
                }));
    }

    private Uni<Machine> view(MachineEntity machine) {
        return views(List.of(machine), new StatusSource())
                .map(listed -> listed.get(0).view());
    }

    /** The machines as the API shows them: status at this moment, and the machines that share their vmIds. */
    private Uni<List<Listed>> views(List<MachineEntity> chunk, StatusSource statuses) {
        if (chunk.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<String> vmIds = chunk.stream()
                .map(machine -> machine.vmId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return machines.sharingVmIds(chunk.get(0).subscriptionId, vmIds).flatMap(sharing -> {
            List<Uni<Listed>> views = chunk.stream()
                    .map(machine -> status(machine, statuses)
                            .map(status ->
                                    new Listed(machine.id, machine.toMachine(status, sharedWith(machine, sharing)))))
                    .toList();
            return Uni.join().all(views).andFailFast();
        });
    }

    private static List<String> sharedWith(MachineEntity machine, Map<String, List<MachineEntity>> sharing) {
        if (machine.vmId == null) {
            return List.of();
        }
        return sharing.getOrDefault(machine.vmId, List.of()).stream()
                .filter(other -> !other.id.equals(machine.id))
                .map(other -> other.ref().resourceId())
                .sorted()
                .toList();
    }

    private Uni<AgentStatus> status(MachineEntity machine, StatusSource statuses) {
        if (machine.lastHeartbeat == null) {
            return Uni.createFrom().item(AgentStatus.NeverReported);
        }
        Instant now = Instant.now();
        return statuses.silenceMinutes(machine.subscriptionId, machine.resourceGroup)
                .map(minutes -> AgentStatus.of(machine.lastHeartbeat, now, minutes));
    }

    private static Page<Machine> page(List<Listed> found, int size, UriInfo uri) {
        String next = found.size() < size
                ? null
                : uri.getRequestUriBuilder()
                        .replaceQueryParam("after", found.get(found.size() - 1).id())
                        .build()
                        .toString();
        return new Page<>(found.stream().map(Listed::view).toList(), next);
    }

    private static AgentStatus parseStatus(String value) {
        if (value == null) {
            return null;
        }
        try {
            return AgentStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "agentStatus", "agentStatus must be one of " + Arrays.toString(AgentStatus.values()));
        }
    }

    private static long parseCursor(String after) {
        if (after == null) {
            return 0;
        }
        try {
            long id = Long.parseLong(after);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("after", "after must be a value taken from a nextLink");
    }

    private record Listed(long id, Machine view) {}

    /** Where a machine goes. */
    public record MoveRequest(@NotNull String resourceGroup) {}

    private record Query(
            String subscriptionId, String resourceGroup, AgentStatus status, int size, StatusSource statuses) {}

    /** Reads each resource group's silence threshold once per request, however many of its machines are listed. */
    private final class StatusSource {

        private final Map<String, Uni<Integer>> thresholds = new HashMap<>();

        Uni<Integer> silenceMinutes(String subscriptionId, String resourceGroup) {
            return thresholds.computeIfAbsent(
                    MachineEntity.keyOf(resourceGroup),
                    key -> policies.effective(subscriptionId, resourceGroup)
                            .map(policy -> policy.agentSilenceMinutes())
                            .memoize()
                            .indefinitely());
        }
    }
}
