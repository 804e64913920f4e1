package io.vigil.alert.ingest;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.machine.MachineRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * What a machine's deletion or move does to the alerts, events and endpoint protection reports held for it, inside the
 * delivery's transaction. Alerts keep their ids when a machine moves; only where they point changes. An alert's
 * evidence and history go and move with it.
 */
@ApplicationScoped
public class MachineChanges {

    private static final String DELETE_ALERTS = "delete from alert.alert where machine_key = $1";
    private static final String DELETE_EVENTS = "delete from alert.event where machine_key = $1";
    /** The alert's host entity names the machine's resource id too; the other entities keep their order. */
    private static final String MOVE_ALERTS = "update alert.alert set machine_key = $2, resource_group = $3,"
            + " resource_group_key = $4, compromised_entity = $5, entities = (select coalesce(jsonb_agg(case"
            + " when entity ->> 'type' = 'host' then jsonb_set(entity, '{resourceId}', to_jsonb($5::text))"
            + " else entity end order by position), '[]'::jsonb)::text"
            + " from jsonb_array_elements(entities::jsonb) with ordinality as listed (entity, position))"
            + " where machine_key = $1";

    private static final String DELETE_PROTECTION =
            "delete from alert.endpoint_protection_report where machine_key = $1";
    private static final String MOVE_PROTECTION =
            "update alert.endpoint_protection_report set machine_key = $2 where machine_key = $1";
    private static final String MOVE_EVENTS = "update alert.event set machine_key = $2, resource_id = $3,"
            + " resource_group = $4 where machine_key = $1";

    /** Removes the machine's alerts, events and endpoint protection reports. */
    public Uni<Void> delete(SqlConnection connection, MachineRef machine) {
        Tuple key = Tuple.of(machine.key());
        return connection
                .preparedQuery(DELETE_PROTECTION)
                .execute(key)
                .chain(() -> connection.preparedQuery(DELETE_ALERTS).execute(key))
                .chain(alerts -> connection
                        .preparedQuery(DELETE_EVENTS)
                        .execute(key)
                        .invoke(events -> {
                            if (alerts.rowCount() + events.rowCount() > 0) {
                                Log.infof(
                                        "Machine %s removed with its %d alerts and %d events",
                                        machine.resourceId(), alerts.rowCount(), events.rowCount());
                            }
                        }))
                .replaceWithVoid();
    }

    /**
     * Carries the machine's alerts, events and endpoint protection reports over to its new resource id. The collector
     * moves a machine only onto a free name, so anything still held under the new id is stale and is removed first.
     */
    public Uni<Void> move(SqlConnection connection, MachineRef from, MachineRef to) {
        String groupKey = to.resourceGroup().toLowerCase(Locale.ROOT);
        return delete(connection, to)
                .chain(() -> connection
                        .preparedQuery(MOVE_ALERTS)
                        .execute(Tuple.of(from.key(), to.key(), to.resourceGroup(), groupKey, to.resourceId())))
                .call(() -> connection.preparedQuery(MOVE_PROTECTION).execute(Tuple.of(from.key(), to.key())))
                .chain(alerts -> connection
                        .preparedQuery(MOVE_EVENTS)
                        .execute(Tuple.of(from.key(), to.key(), to.resourceId(), to.resourceGroup()))
                        .invoke(events -> Log.infof(
                                "Machine %s moved to %s with its %d alerts and %d events",
                                from.resourceId(), to.resourceId(), alerts.rowCount(), events.rowCount())))
                .replaceWithVoid();
    }
}
