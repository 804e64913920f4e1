package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.ALL_ON;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.allOnExcept;
import static io.vigil.recommendation.TestData.policy;
import static io.vigil.recommendation.TestData.report;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A machine deleted or moved by the collector leaves nothing under its old resource id. */
@QuarkusTest
class MachineChangesTest {

    private static final String RECOMMENDATIONS = "/api/v1/subscriptions/{sub}/recommendations";
    private static final String HEALTH = "/api/v1/subscriptions/{sub}/machines/health";
    private static final String SUMMARY = "/api/v1/subscriptions/{sub}/securityHealth";

    @Inject
    ObjectMapper json;

    private TestMessages messages;
    private String subscription;

    @BeforeEach
    void newSubscription() {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
    }

    @Test
    void deletingAMachineRemovesItsRecommendations() {
        MachineRef web = new MachineRef(subscription, "web", "web-01");
        MachineRef other = new MachineRef(subscription, "web", "web-02");
        raiseTwo(web);
        raiseTwo(other);

        messages.deliver(messages.deleted(web));

        given().when()
                .get(RECOMMENDATIONS, subscription)
                .then()
                .body("value.resourceId", everyItem(equalTo(other.resourceId())))
                .body("value.size()", equalTo(2));
    }

    @Test
    void aMovedMachineIsEvaluatedUnderItsNewResourceIdWithItsNewGroupsPolicy() {
        MachineRef staging = new MachineRef(subscription, "staging", "app-01");
        MachineRef production = new MachineRef(subscription, "Production", "app-01");
        raiseTwo(staging);
        // Production does not ask for disk encryption: only the updates recommendation follows the machine.
        PolicyStub.set(
                policy(subscription, "Production", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));

        messages.deliver(messages.moved(staging, production));

        given().when()
                .get(RECOMMENDATIONS, subscription)
                .then()
                .body("value.resourceId", containsInAnyOrder(production.resourceId()))
                .body("value.type", containsInAnyOrder("ApplySystemUpdates"));
        given().queryParam("resourceGroup", "staging")
                .when()
                .get(RECOMMENDATIONS, subscription)
                .then()
                .body("value", empty());
    }

    @Test
    void aDeletedMachineLeavesTheHealthViewAndTheSummary() {
        MachineRef web = new MachineRef(subscription, "web", "web-01");
        MachineRef other = new MachineRef(subscription, "web", "web-02");
        raiseTwo(web);
        raiseTwo(other);
        given().when().get(SUMMARY, subscription).then().body("machines.total", equalTo(2));

        messages.deliver(messages.deleted(web));

        given().when()
                .get(HEALTH, subscription)
                .then()
                .statusCode(200)
                .body("value.resourceId", contains(other.resourceId()));
        given().when()
                .get(SUMMARY, subscription)
                .then()
                .statusCode(200)
                .body("machines.total", equalTo(1))
                .body("machines.unhealthy", equalTo(1))
                .body("recommendations.active", equalTo(2))
                .body("secureScore.controls.find { it.control == 'systemUpdates' }.unhealthy", equalTo(1));
    }

    @Test
    void aMovedMachineIsInTheHealthViewUnderItsNewResourceIdOnly() {
        MachineRef staging = new MachineRef(subscription, "staging", "app-01");
        MachineRef production = new MachineRef(subscription, "Production", "app-01");
        raiseTwo(staging);
        PolicyStub.set(
                policy(subscription, "Production", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));

        messages.deliver(messages.moved(staging, production));

        given().when()
                .get(HEALTH, subscription)
                .then()
                .statusCode(200)
                .body("value.resourceId", contains(production.resourceId()))
                .body("value[0].resourceGroup", equalTo("Production"))
                .body("value[0].controls.systemUpdates", equalTo("Unhealthy"))
                .body("value[0].controls.diskEncryption", equalTo("NotApplicable"));
        given().queryParam("resourceGroup", "staging")
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value", empty());
        given().queryParam("resourceGroup", "production")
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value.name", contains("app-01"));
        given().when()
                .get(SUMMARY, subscription)
                .then()
                .body("machines.total", equalTo(1))
                .body("recommendations.active", equalTo(1))
                .body("secureScore.controls.find { it.control == 'diskEncryption' }.notApplicable", equalTo(1));
    }

    @Test
    void aMoveRepeatedByARedeliveryChangesNothingMore() {
        MachineRef from = new MachineRef(subscription, "a", "db-01");
        MachineRef to = new MachineRef(subscription, "b", "db-01");
        raiseTwo(from);
        var moved = messages.moved(from, to);

        messages.deliver(moved);
        messages.deliver(moved);

        given().when()
                .get(RECOMMENDATIONS, subscription)
                .then()
                .body("value.resourceId", everyItem(equalTo(to.resourceId())))
                .body("value.size()", equalTo(2));
    }

    @Test
    void deletingTheLastMachineOfAResourceGroupThatTurnsDataCollectionOffResolvesItsEnableDataCollection() {
        MachineRef first = new MachineRef(subscription, "Dark", "db-01");
        MachineRef second = new MachineRef(subscription, "dark", "db-02");
        String group = "/subscriptions/" + subscription + "/resourceGroups/Dark";
        PolicyStub.set(policy(subscription, "Dark", Switch.Off, ValueSource.RESOURCE_GROUP, ALL_ON));
        messages.deliver(messages.registered(first, "Linux"), messages.registered(second, "Linux"));
        assertEquals("Active", dataCollectionStateOf(group));

        messages.deliver(messages.deleted(first));
        assertEquals("Active", dataCollectionStateOf(group), "db-02 is still in the group");

        messages.deliver(messages.deleted(second));
        assertEquals("Resolved", dataCollectionStateOf(group));
    }

    @Test
    void movingTheLastMachineOutOfAScopeThatTurnsDataCollectionOffResolvesItsEnableDataCollection() {
        MachineRef dark = new MachineRef(subscription, "Dark", "app-01");
        MachineRef lit = new MachineRef(subscription, "Lit", "app-01");
        String group = "/subscriptions/" + subscription + "/resourceGroups/Dark";
        PolicyStub.set(policy(subscription, "Dark", Switch.Off, ValueSource.RESOURCE_GROUP, ALL_ON));
        PolicyStub.set(policy(subscription, "Lit", Switch.On, ValueSource.SUBSCRIPTION, ALL_ON));
        messages.deliver(messages.registered(dark, "Linux"));
        assertEquals("Active", dataCollectionStateOf(group));

        messages.deliver(messages.moved(dark, lit));

        assertEquals("Resolved", dataCollectionStateOf(group));
        given().queryParam("type", "EnableDataCollection")
                .queryParam("state", "Active")
                .when()
                .get(RECOMMENDATIONS, subscription)
                .then()
                .body("value", empty());
    }

    @Test
    void theSubscriptionsEnableDataCollectionResolvesWhenNoMachineFollowsItsOffAnyMore() {
        MachineRef web = new MachineRef(subscription, "web", "web-01");
        MachineRef data = new MachineRef(subscription, "data", "db-01");
        String scope = "/subscriptions/" + subscription;
        PolicyStub.set(policy(subscription, "web", Switch.Off, ValueSource.SUBSCRIPTION, ALL_ON));
        PolicyStub.set(policy(subscription, "data", Switch.Off, ValueSource.SUBSCRIPTION, ALL_ON));
        messages.deliver(messages.registered(web, "Linux"), messages.registered(data, "Linux"));
        assertEquals("Active", dataCollectionStateOf(scope));

        messages.deliver(messages.deleted(web));
        assertEquals("Active", dataCollectionStateOf(scope), "db-01 still follows the subscription");

        messages.deliver(messages.deleted(data));
        assertEquals("Resolved", dataCollectionStateOf(scope));
    }

    @Test
    void takesAgentStatusChangesAndRefusesAnUnknownStatus() {
        MachineRef web = new MachineRef(subscription, "web", "web-03");

        messages.deliver(messages.registered(web, "Linux"), messages.agentStatus(web, "Unresponsive"));

        messages.post(messages.batch(messages.agentStatus(web, "Asleep")))
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("messages[0].payload.status"));
    }

    private String dataCollectionStateOf(String resourceId) {
        return given().queryParam("type", "EnableDataCollection")
                .when()
                .get(RECOMMENDATIONS, subscription)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("value.find { it.resourceId == '" + resourceId + "' }.state");
    }

    private void raiseTwo(MachineRef machine) {
        PolicyStub.set(policy(subscription, machine.resourceGroup(), Switch.On, ValueSource.SUBSCRIPTION, ALL_ON));
        messages.deliver(
                messages.registered(machine, "Linux"),
                messages.reported(machine, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, ROOT_UNENCRYPTED)));
    }
}
