package io.vigil.recommendation.api;

import static io.vigil.recommendation.TestData.ALL_ON;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.allOnExcept;
import static io.vigil.recommendation.TestData.policy;
import static io.vigil.recommendation.TestData.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.recommendation.state.MachineState;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A policy change over a resource group of many machines re-evaluates all of them in one delivery. The machines are
 * written straight into the table, as thousands of reports would have left them, so the test is about the change.
 */
@QuarkusTest
class ManyMachinesPolicyChangeTest {

    private static final int MACHINES = 10_000;
    private static final String GROUP = "Bulk-RG";
    private static final String INSERT_MACHINES = "insert into recommendation.machine"
            + " (machine_key, subscription_id, resource_group, name, os_type, state, updated_at)"
            + " select lower('/subscriptions/' || $1 || '/resourceGroups/' || $2 || '/machines/vm' || i), $1, $2,"
            + " 'vm' || i, 'Linux', cast(cast($3 as text) as jsonb), now() from generate_series(1, $4) as i";
    private static final String COUNT_BY_STATE = "select state, count(*) as machines from recommendation.recommendation"
            + " where subscription_id = $1 and type = 'ApplyDiskEncryption' group by state";

    @Inject
    ObjectMapper json;

    @Inject
    Pool database;

    private TestMessages messages;
    private String subscription;

    @BeforeEach
    void manyUnencryptedMachines() throws JsonProcessingException {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
        String state =
                json.writeValueAsString(MachineState.EMPTY.merge(report(MONDAY, null, ROOT_UNENCRYPTED), MONDAY));
        database.preparedQuery(INSERT_MACHINES)
                .execute(Tuple.of(subscription, GROUP, state, MACHINES))
                .await()
                .indefinitely();
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void raisesResolvesAndReopensForEveryMachineOfTheResourceGroup() {
        long raising = System.nanoTime();
        messages.deliverFromPolicy(messages.policyChanged(subscription, GROUP));
        long raised = System.nanoTime();

        assertEquals(Map.of("Active", (long) MACHINES), countByState());

        PolicyStub.set(policy(subscription, GROUP, Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        long resolving = System.nanoTime();
        messages.deliverFromPolicy(messages.policyChanged(subscription, GROUP));
        long resolved = System.nanoTime();

        assertEquals(Map.of("Resolved", (long) MACHINES), countByState());

        PolicyStub.set(policy(subscription, GROUP, Switch.On, ValueSource.SUBSCRIPTION, ALL_ON));
        long reopening = System.nanoTime();
        messages.deliverFromPolicy(messages.policyChanged(subscription, GROUP));
        long reopened = System.nanoTime();

        assertEquals(Map.of("Active", (long) MACHINES), countByState());
        Log.infof(
                "%d machines re-evaluated per delivery: %d ms to raise, %d ms to resolve, %d ms to reopen",
                MACHINES,
                (raised - raising) / 1_000_000,
                (resolved - resolving) / 1_000_000,
                (reopened - reopening) / 1_000_000);
    }

    private Map<String, Long> countByState() {
        Map<String, Long> counts = new HashMap<>();
        for (Row row : database.preparedQuery(COUNT_BY_STATE)
                .execute(Tuple.of(subscription))
                .await()
                .indefinitely()) {
            counts.put(row.getString("state"), row.getLong("machines"));
        }
        return counts;
    }
}
