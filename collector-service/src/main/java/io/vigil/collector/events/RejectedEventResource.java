package io.vigil.collector.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.collector.machine.MachineEntity;
import io.vigil.collector.machine.MachineService;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.paging.Page;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The entries of a machine's event uploads that could not be read, newest first, kept so an operator can see why. */
@Path("/api/v1/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/machines/{name}/rejectedEvents")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.READ)
public class RejectedEventResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;
    private static final String PAGE = "select id, received_at, line_index, reason, raw"
            + " from collector.rejected_event_line where machine_id = $1 and id < $2 order by id desc limit $3";

    private final MachineService machines;
    private final Pool pool;

    public RejectedEventResource(MachineService machines, Pool pool) {
        this.machines = machines;
        this.pool = pool;
    }

    /** {@code index} is the entry's position in its upload, counted from 0, as the upload's answer named it. */
    public record RejectedEntry(long id, Instant receivedAt, int index, String reason, String raw) {}

    @GET
    public Uni<Page<RejectedEntry>> list(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestPath String name,
            @RestQuery String before,
            @RestQuery Integer limit,
            UriInfo uri) {
        MachineRef ref = Identifiers.machineRef(subscriptionId, resourceGroup, name);
        long beforeId = parseCursor(before);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }

        return machines.find(ref)
                .flatMap(machine -> page(machine, beforeId, size))
                .map(found -> new Page<>(found, nextLink(found, size, uri)));
    }

    private Uni<List<RejectedEntry>> page(MachineEntity machine, long beforeId, int size) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(machine.id, beforeId, size))
                .map(rows -> {
                    List<RejectedEntry> entries = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        entries.add(new RejectedEntry(
                                row.getLong(0),
                                row.getOffsetDateTime(1).toInstant(),
                                row.getInteger(2),
                                row.getString(3),
                                row.getString(4)));
                    }
                    return entries;
                });
    }

    private static String nextLink(List<RejectedEntry> found, int size, UriInfo uri) {
        return found.size() < size
                ? null
                : uri.getRequestUriBuilder()
                        .replaceQueryParam("before", found.get(found.size() - 1).id())
                        .build()
                        .toString();
    }

    private static long parseCursor(String before) {
        if (before == null) {
            return Long.MAX_VALUE;
        }
        try {
            long id = Long.parseLong(before);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("before", "before must be a value taken from a nextLink");
    }
}
