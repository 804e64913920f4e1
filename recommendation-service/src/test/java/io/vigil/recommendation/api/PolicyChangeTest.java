package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.ALL_ON;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.WEDNESDAY;
import static io.vigil.recommendation.TestData.allOnExcept;
import static io.vigil.recommendation.TestData.policy;
import static io.vigil.recommendation.TestData.report;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.problem.Problem;
import io.vigil.common.security.Headers;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A PolicyChanged notice from policy-service re-evaluates the machines it covers from their stored state. */
@QuarkusTest
class PolicyChangeTest {

    private static final String LIST = "/api/v1/subscriptions/{sub}/recommendations";

    @Inject
    ObjectMapper json;

    private TestMessages messages;
    private String subscription;
    private MachineRef web01;
    private MachineRef web02;
    private MachineRef db01;

    @BeforeEach
    void unencryptedMachinesInTwoResourceGroups() {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
        web01 = new MachineRef(subscription, "Web-RG", "web01");
        web02 = new MachineRef(subscription, "web-rg", "web02");
        db01 = new MachineRef(subscription, "Data-RG", "db01");
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED)),
                messages.registered(web02, "Linux"),
                messages.reported(web02, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED)),
                messages.registered(db01, "Linux"),
                messages.reported(db01, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED)));
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void resolvesDiskEncryptionInTheResourceGroupThatTurnsItOffAndReopensItWhenTurnedOnAgain() {
        JsonPath before = list("type", "ApplyDiskEncryption");

        PolicyStub.set(
                policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "WEB-RG"));
        JsonPath off = list("type", "ApplyDiskEncryption");

        assertEquals("Resolved", stateOf(off, web01));
        assertEquals("Resolved", stateOf(off, web02));
        assertEquals("Active", stateOf(off, db01));

        PolicyStub.set(policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, ALL_ON));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "Web-RG"));
        JsonPath on = list("type", "ApplyDiskEncryption");

        assertEquals("Active", stateOf(on, web01));
        assertEquals("Active", stateOf(on, web02));
        assertEquals("Active", stateOf(on, db01));
        assertEquals(idOf(before, web01), idOf(on, web01));
        assertEquals(3, on.getList("value").size());
    }

    @Test
    void aControlThePolicyTurnsOffIsNotApplicableInTheHealthViewAndLeavesTheScore() {
        health().body("value.find { it.name == 'web01' }.controls.diskEncryption", equalTo("Unhealthy"));

        PolicyStub.set(
                policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "Web-RG"));

        health().body("value.find { it.name == 'web01' }.controls.diskEncryption", equalTo("NotApplicable"))
                .body("value.find { it.name == 'web02' }.controls.diskEncryption", equalTo("NotApplicable"))
                .body("value.find { it.name == 'web01' }.reasons.diskEncryption", nullValue())
                .body("value.find { it.name == 'web01' }.health", equalTo("Healthy"))
                .body("value.find { it.name == 'db01' }.controls.diskEncryption", equalTo("Unhealthy"))
                .body("value.find { it.name == 'db01' }.reasons.diskEncryption", contains("A volume is not encrypted"));
        given().when()
                .get("/api/v1/subscriptions/{sub}/securityHealth", subscription)
                .then()
                .statusCode(200)
                .body("machines.healthy", equalTo(2))
                .body("machines.unhealthy", equalTo(1))
                .body("secureScore.controls.find { it.control == 'diskEncryption' }.unhealthy", equalTo(1))
                .body("secureScore.controls.find { it.control == 'diskEncryption' }.notApplicable", equalTo(2))
                .body("secureScore.controls.find { it.control == 'diskEncryption' }.currentScore", equalTo(0.0f));
    }

    @Test
    void raisesEnableDataCollectionOnTheSubscriptionWhenItTurnsItOffAndResolvesItWhenOn() {
        setDataCollection(Switch.Off);
        messages.deliverFromPolicy(messages.policyChanged(subscription, null));
        JsonPath off = list("type", "EnableDataCollection");

        assertEquals(1, off.getList("value").size());
        assertEquals("/subscriptions/" + subscription, off.getString("value[0].resourceId"));
        assertEquals("Active", off.getString("value[0].state"));
        assertEquals("subscription", off.getString("value[0].details.decidedBy"));

        setDataCollection(Switch.On);
        messages.deliverFromPolicy(messages.policyChanged(subscription, null));
        JsonPath on = list("type", "EnableDataCollection");

        assertEquals(1, on.getList("value").size());
        assertEquals("Resolved", on.getString("value[0].state"));
        assertEquals(off.getString("value[0].id"), on.getString("value[0].id"));
    }

    @Test
    void resolvesAResourceGroupsOwnEnableDataCollectionWhenItsOffIsRemovedAndItInheritsOn() {
        String group = "/subscriptions/" + subscription + "/resourceGroups/Web-RG";
        PolicyStub.set(policy(subscription, "Web-RG", Switch.Off, ValueSource.RESOURCE_GROUP, ALL_ON));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "Web-RG"));

        JsonPath off = list("type", "EnableDataCollection");
        assertEquals("Active", stateOf(off, group));
        assertEquals("resourceGroup", off.getString("value[0].details.decidedBy"));

        PolicyStub.set(policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, ALL_ON));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "Web-RG"));
        JsonPath inherited = list("type", "EnableDataCollection");

        assertEquals("Resolved", stateOf(inherited, group));
        assertEquals(List.of("Resolved"), inherited.getList("value.state"));
    }

    @Test
    void keepsTheSubscriptionsEnableDataCollectionWhileAnyGroupWithMachinesFollowsItsOff() {
        String scope = "/subscriptions/" + subscription;
        setDataCollection(Switch.Off);
        messages.deliverFromPolicy(messages.policyChanged(subscription, null));
        assertEquals("Active", stateOf(list("type", "EnableDataCollection"), scope));

        PolicyStub.set(policy(subscription, "Web-RG", Switch.On, ValueSource.RESOURCE_GROUP, ALL_ON));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "Web-RG"));
        assertEquals("Active", stateOf(list("type", "EnableDataCollection"), scope), "Data-RG still follows it");

        PolicyStub.set(policy(subscription, "Data-RG", Switch.On, ValueSource.RESOURCE_GROUP, ALL_ON));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "Data-RG"));
        JsonPath overridden = list("type", "EnableDataCollection");

        assertEquals("Resolved", stateOf(overridden, scope));
        assertEquals(1, overridden.getList("value").size());
    }

    @Test
    void changesNothingForASubscriptionWithoutMachines() {
        String empty = "sub-" + UUID.randomUUID();
        PolicyStub.set(policy(empty, "Web-RG", Switch.Off, ValueSource.SUBSCRIPTION, ALL_ON));

        messages.postAsPolicy(messages.batchFrom(TestMessages.POLICY_SOURCE, messages.policyChanged(empty, null)))
                .statusCode(204);

        given().when().get(LIST, empty).then().statusCode(200).body("value", empty());
    }

    @Test
    void dropsTheCachedPolicySoTheNextReadSeesTheNewOne() {
        PolicyStub.set(
                policy(subscription, "Data-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        messages.deliver(messages.reported(db01, "Linux", report(TUESDAY, null, ROOT_UNENCRYPTED)));

        // Without a notice the policy read when the machine was set up is still the one used.
        assertEquals("Active", stateOf(list("type", "ApplyDiskEncryption"), db01));

        messages.deliverFromPolicy(messages.policyChanged(subscription, "Data-RG"));

        assertEquals("Resolved", stateOf(list("type", "ApplyDiskEncryption"), db01));
        messages.deliver(messages.reported(db01, "Linux", report(WEDNESDAY, null, ROOT_UNENCRYPTED)));
        assertEquals("Resolved", stateOf(list("type", "ApplyDiskEncryption"), db01));
    }

    @Test
    void changesNothingWhenTheSamePolicyChangeIdArrivesAgain() {
        long id = TestMessages.nextId();
        PolicyStub.set(
                policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        messages.deliverFromPolicy(messages.policyChanged(id, subscription, "Web-RG"));
        JsonPath before = list("type", "ApplyDiskEncryption");

        PolicyStub.set(policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, ALL_ON));
        messages.deliverFromPolicy(messages.policyChanged(id, subscription, "Web-RG"));
        JsonPath after = list("type", "ApplyDiskEncryption");

        assertEquals("Resolved", stateOf(after, web01));
        assertEquals(before.getList("value"), after.getList("value"));
    }

    @Test
    void refusesAPolicyChangeFromTheCollectorsCredential() {
        PolicyStub.set(
                policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        Message change = messages.policyChanged(subscription, "Web-RG");

        messages.post(messages.batchFrom(TestMessages.POLICY_SOURCE, change))
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        messages.post(messages.batch(change)).statusCode(403).contentType(Problem.MEDIA_TYPE);

        assertEquals("Active", stateOf(list("type", "ApplyDiskEncryption"), web01));
    }

    @Test
    void refusesMachineMessagesFromPolicyService() {
        String batch = messages.batchFrom(
                TestMessages.POLICY_SOURCE, messages.reported(db01, "Linux", report(TUESDAY, null, null)));

        messages.postAsPolicy(batch).statusCode(403).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void refusesAPolicyChangeWithAnInvalidSubscriptionId() {
        String batch =
                messages.batchFrom(TestMessages.POLICY_SOURCE, messages.policyChanged("Not A Subscription!", null));

        messages.postAsPolicy(batch)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("subscriptionId"));
    }

    @Test
    void refusesAPolicyChangeWithAWrongPolicyToken() {
        String batch = messages.batchFrom(TestMessages.POLICY_SOURCE, messages.policyChanged(subscription, null));
        Callers.everyRequestAnonymous();

        given().header(Headers.SERVICE_CREDENTIAL, "policy:not-the-policy-token")
                .contentType(ContentType.JSON)
                .body(batch)
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
    }

    private void setDataCollection(Switch value) {
        PolicyStub.set(policy(subscription, "Web-RG", value, ValueSource.SUBSCRIPTION, ALL_ON));
        PolicyStub.set(policy(subscription, "Data-RG", value, ValueSource.SUBSCRIPTION, ALL_ON));
    }

    private ValidatableResponse health() {
        return given().when()
                .get("/api/v1/subscriptions/{sub}/machines/health", subscription)
                .then()
                .statusCode(200);
    }

    private JsonPath list(String filter, String value) {
        return given().queryParam(filter, value)
                .queryParam("limit", 200)
                .when()
                .get(LIST, subscription)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
    }

    private static String stateOf(JsonPath list, MachineRef machine) {
        return stateOf(list, machine.resourceId());
    }

    private static String stateOf(JsonPath list, String resourceId) {
        return list.getString("value.find { it.resourceId == '" + resourceId + "' }.state");
    }

    private static String idOf(JsonPath list, MachineRef machine) {
        return list.getString("value.find { it.resourceId == '" + machine.resourceId() + "' }.id");
    }
}
