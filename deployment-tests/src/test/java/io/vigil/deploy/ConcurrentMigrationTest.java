package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Deployment's replicas start together, and on the first rollout they all find an empty schema. Flyway serializes
 * them on a PostgreSQL advisory lock: one migrates, the others wait and then find nothing left to do. alert-service
 * also makes its event partitions at start, so it is the one started twice here.
 */
class ConcurrentMigrationTest {

    private static final String SERVICE = "alert-service";
    private static final String SCHEMA = "alert";

    @Test
    void twoReplicasStartedAtOnceOnAnEmptySchemaBothBecomeReady() throws Exception {
        ServiceProcess.dropSchema(SCHEMA);
        // Nothing answers there: a start-up that needed policy-service would show it.
        Map<String, String> environment = Map.of("VIGIL_POLICY_URL", "http://127.0.0.1:9");

        try (ServiceProcess first = ServiceProcess.start(SERVICE, 18185, environment);
                ServiceProcess second = ServiceProcess.start(SERVICE, 18186, environment)) {
            first.awaitReady();
            second.awaitReady();

            JsonNode container =
                    Overlays.named(Overlays.PRODUCTION, "Deployment", SERVICE).at("/spec/template/spec/containers/0");
            for (ServiceProcess replica : List.of(first, second)) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    String path = container.path(probe).at("/httpGet/path").asText();
                    assertEquals(200, replica.status(path), probe + " " + path + " on port " + replica.port());
                }
            }
        }

        List<String> versions = new ArrayList<>();
        try (Connection connection = ServiceProcess.connect();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select version, success from " + SCHEMA
                    + ".flyway_schema_history where version is not null order by installed_rank")) {
                while (rows.next()) {
                    assertTrue(rows.getBoolean(2), "migration " + rows.getString(1));
                    versions.add(rows.getString(1));
                }
            }
            assertEquals(versions.stream().distinct().toList(), versions, "each migration applied once");
            assertTrue(versions.size() >= 4, "migrations applied: " + versions);
            try (ResultSet partitions = statement.executeQuery("select count(*) from pg_inherits i"
                    + " join pg_class parent on parent.oid = i.inhparent"
                    + " join pg_namespace n on n.oid = parent.relnamespace where n.nspname = '" + SCHEMA + "'")) {
                partitions.next();
                assertTrue(partitions.getInt(1) > 0, "event partitions made");
            }
        }
    }
}
