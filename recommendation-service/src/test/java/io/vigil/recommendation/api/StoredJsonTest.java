package io.vigil.recommendation.api;

import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.machine.MachineRef;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.persistence.RecommendationEntity;
import io.vigil.recommendation.persistence.RecommendationRepository;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A machine's state and a recommendation's evidence are jsonb columns exchanged as text: whichever way they are
 * written, by the entity or by a bulk update, the database holds JSON objects that queries can look into, and they
 * read back as they were written.
 */
@QuarkusTest
class StoredJsonTest {

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    RecommendationRepository recommendations;

    private String subscription;

    @BeforeEach
    void anUnencryptedMachine() {
        Callers.everyRequestAsAdmin();
        subscription = "sub-" + UUID.randomUUID();
        MachineRef db01 = new MachineRef(subscription, "Data-RG", "db01");
        TestMessages messages = new TestMessages(json);
        messages.deliverReportingMachine(db01, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED));
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void stateAndEvidenceAreStoredAsJsonObjects() {
        assertEquals(List.of("object"), column("select distinct jsonb_typeof(state) from recommendation.machine"));
        assertEquals(
                List.of("object"), column("select distinct jsonb_typeof(details) from recommendation.recommendation"));
        assertEquals(
                List.of("/"),
                column("select details->'volumes'->0->>'mount' from recommendation.recommendation"
                        + " where type = 'ApplyDiskEncryption'"));
    }

    @Test
    void evidenceRewrittenByABulkUpdateIsStoredAsAJsonObjectAndReadsBack() throws Throwable {
        RecommendationEntity stored = diskEncryption();
        RecommendationEntity changed = new RecommendationEntity();
        changed.id = stored.id;
        changed.state = stored.state;
        changed.severity = stored.severity;
        changed.stateChangedAt = stored.stateChangedAt;
        changed.updatedAt = Instant.now();
        changed.details = json.createObjectNode().put("note", "rewritten");

        VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> recommendations.updateContent(List.of(changed))));

        assertEquals(
                List.of("rewritten"),
                column("select details->>'note' from recommendation.recommendation"
                        + " where type = 'ApplyDiskEncryption'"));
        assertEquals(changed.details, diskEncryption().details);
    }

    private RecommendationEntity diskEncryption() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> RecommendationEntity.<RecommendationEntity>find(
                                "subscriptionId = ?1 and type = ?2",
                                subscription,
                                RecommendationType.ApplyDiskEncryption)
                        .singleResult()));
    }

    /** The first column of each row a query over this test's subscription answers. */
    private List<String> column(String query) {
        String scoped = query + (query.contains(" where ") ? " and" : " where") + " subscription_id = $1";
        List<String> values = new ArrayList<>();
        for (Row row : pool.preparedQuery(scoped)
                .execute(Tuple.of(subscription))
                .await()
                .indefinitely()) {
            values.add(row.getString(0));
        }
        return values;
    }
}
