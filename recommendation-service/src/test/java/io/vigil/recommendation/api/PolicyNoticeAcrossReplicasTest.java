package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.WEDNESDAY;
import static io.vigil.recommendation.TestData.allOnExcept;
import static io.vigil.recommendation.TestData.policy;
import static io.vigil.recommendation.TestData.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.policy.PolicyVersions;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policy-service's notice of a change reaches one replica of this service. A state report that another replica then
 * handles must be judged by the new policy, not by one that replica kept from before: this service stands for the
 * replica that did not get the notice, and the notice is recorded as the replica that got it records it.
 */
@QuarkusTest
class PolicyNoticeAcrossReplicasTest {

    private static final String LIST = "/api/v1/subscriptions/{sub}/recommendations";

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    private TestMessages messages;
    private PolicyVersions replicaThatGotTheNotice;
    private String subscription;
    private MachineRef db01;

    @BeforeEach
    void anUnencryptedMachineWhosePolicyThisReplicaKeeps() {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        replicaThatGotTheNotice = new PolicyVersions(pool, "recommendation.policy_version");
        subscription = "sub-" + UUID.randomUUID();
        db01 = new MachineRef(subscription, "Data-RG", "db01");
        messages.deliverReportingMachine(db01, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED));
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void aReportAfterAnotherReplicaWasToldDiskEncryptionIsOffDoesNotReopenIt() {
        assertEquals("Active", diskEncryptionState());
        PolicyStub.set(
                policy(subscription, "Data-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        messages.deliver(messages.reported(db01, "Linux", report(TUESDAY, null, ROOT_UNENCRYPTED)));
        // Without a notice this replica judges by the policy it kept.
        assertEquals("Active", diskEncryptionState());

        replicaThatGotTheNotice
                .record(List.of(new PolicyChanged(subscription, "data-rg", 2, TUESDAY)))
                .await()
                .indefinitely();
        messages.deliver(messages.reported(db01, "Linux", report(WEDNESDAY, null, ROOT_UNENCRYPTED)));

        assertEquals("Resolved", diskEncryptionState());
    }

    @Test
    void aNoticeOfTheSubscriptionsOwnPolicyTakenElsewhereReachesItsResourceGroups() {
        PolicyStub.set(
                policy(subscription, "Data-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));

        replicaThatGotTheNotice
                .record(List.of(new PolicyChanged(subscription, null, 5, TUESDAY)))
                .await()
                .indefinitely();
        messages.deliver(messages.reported(db01, "Linux", report(WEDNESDAY, null, ROOT_UNENCRYPTED)));

        assertEquals("Resolved", diskEncryptionState());
    }

    private String diskEncryptionState() {
        JsonPath list = given().queryParam("type", "ApplyDiskEncryption")
                .when()
                .get(LIST, subscription)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return list.getString("value.find { it.resourceId == '" + db01.resourceId() + "' }.state");
    }
}
