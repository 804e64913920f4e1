package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.ALL_ENCRYPTED;
import static io.vigil.recommendation.TestData.ALL_ON;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.NO_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.WEDNESDAY;
import static io.vigil.recommendation.TestData.allOnExcept;
import static io.vigil.recommendation.TestData.policy;
import static io.vigil.recommendation.TestData.report;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.problem.Problem;
import io.vigil.recommendation.model.RecommendationIds;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessagesResourceTest {

    private static final String MALFORMED_BATCH = "{\"source\": \"collector\", \"messages\": [";
    private static final String STATE_WITH_NUMERIC_MACHINE =
            "{\"source\": \"collector\", \"messages\": [{\"id\": %d, \"kind\": \"StateReported\","
                    + " \"key\": \"k\", \"payload\": {\"machine\": 5}}]}";
    private static final String UNKNOWN_KIND =
            "{\"source\": \"collector\", \"messages\": [{\"id\": %d, \"kind\": \"MachineDecommissioned\","
                    + " \"key\": \"k\", \"payload\": {}}]}";

    @Inject
    ObjectMapper json;

    private TestMessages messages;
    private String subscription;
    private MachineRef web01;

    @BeforeEach
    void newSubscription() {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
        web01 = new MachineRef(subscription, "Web-RG", "web01");
    }

    @AfterEach
    void policyAnswersAgain() {
        PolicyStub.unavailableFor(subscription, false);
        Callers.everyRequestAnonymous();
    }

    @Test
    void raisesSystemUpdatesAndDiskEncryptionFromAReport() {
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, ROOT_UNENCRYPTED)));

        JsonPath list = list("machine", "web01");

        assertEquals(2, list.getList("value").size());
        assertEquals("Active", field(list, RecommendationType.ApplySystemUpdates, "state"));
        assertEquals("Medium", field(list, RecommendationType.ApplySystemUpdates, "severity"));
        assertEquals("DSA-5343-1", field(list, RecommendationType.ApplySystemUpdates, "details.updates[0].id"));
        assertEquals(
                "Security", field(list, RecommendationType.ApplySystemUpdates, "details.updates[0].classification"));
        assertEquals("CVE-2023-0286", field(list, RecommendationType.ApplySystemUpdates, "details.updates[0].cves[0]"));
        assertEquals(web01.resourceId(), field(list, RecommendationType.ApplySystemUpdates, "resourceId"));
        assertEquals(
                RecommendationIds.of(web01.resourceId(), RecommendationType.ApplySystemUpdates)
                        .toString(),
                field(list, RecommendationType.ApplySystemUpdates, "id"));
        assertEquals("Active", field(list, RecommendationType.ApplyDiskEncryption, "state"));
        assertEquals("High", field(list, RecommendationType.ApplyDiskEncryption, "severity"));
        assertEquals("/", field(list, RecommendationType.ApplyDiskEncryption, "details.volumes[0].mount"));
        assertEquals(
                "Apply disk encryption on your virtual machines",
                field(list, RecommendationType.ApplyDiskEncryption, "displayName"));
        assertNotEquals(
                0,
                list.getList("value.find { it.type == 'ApplyDiskEncryption' }.remediationSteps")
                        .size());
    }

    @Test
    void resolvesWhenALaterReportShowsTheProblemsGoneAndReopensWithTheSameId() {
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, ROOT_UNENCRYPTED)));
        JsonPath raised = list("machine", "web01");

        messages.deliver(messages.reported(web01, "Linux", report(TUESDAY, NO_UPDATE_MISSING, ALL_ENCRYPTED)));
        JsonPath resolved = list("machine", "web01");

        for (RecommendationType type :
                new RecommendationType[] {RecommendationType.ApplySystemUpdates, RecommendationType.ApplyDiskEncryption
                }) {
            assertEquals("Resolved", field(resolved, type, "state"));
            assertEquals(field(raised, type, "id"), field(resolved, type, "id"));
            assertEquals(field(raised, type, "firstSeen"), field(resolved, type, "firstSeen"));
            assertNotEquals(field(raised, type, "stateChangedAt"), field(resolved, type, "stateChangedAt"));
        }

        messages.deliver(messages.reported(web01, "Linux", report(WEDNESDAY, null, ROOT_UNENCRYPTED)));
        JsonPath reopened = list("machine", "web01");

        assertEquals("Active", field(reopened, RecommendationType.ApplyDiskEncryption, "state"));
        assertEquals(
                field(raised, RecommendationType.ApplyDiskEncryption, "id"),
                field(reopened, RecommendationType.ApplyDiskEncryption, "id"));
        assertEquals("Resolved", field(reopened, RecommendationType.ApplySystemUpdates, "state"));
        assertEquals(2, reopened.getList("value").size());
    }

    @Test
    void changesNothingWhenTheSameMessageIdArrivesAgain() {
        long id = TestMessages.nextId();
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(id, web01, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, null)));
        JsonPath before = list("machine", "web01");

        messages.deliver(messages.reported(id, web01, "Linux", report(TUESDAY, NO_UPDATE_MISSING, null)));
        JsonPath after = list("machine", "web01");

        assertEquals("Active", field(after, RecommendationType.ApplySystemUpdates, "state"));
        assertEquals(before.getList("value"), after.getList("value"));
    }

    @Test
    void ignoresASectionOlderThanTheStoredOne() {
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(TUESDAY, null, ROOT_UNENCRYPTED)));

        messages.deliver(messages.reported(web01, "Linux", report(MONDAY, null, ALL_ENCRYPTED)));

        assertEquals("Active", field(list("machine", "web01"), RecommendationType.ApplyDiskEncryption, "state"));
    }

    @Test
    void processesTheMessagesOfABatchInOrder() {
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, null)),
                messages.reported(web01, "Linux", report(TUESDAY, NO_UPDATE_MISSING, null)));

        assertEquals("Resolved", field(list("machine", "web01"), RecommendationType.ApplySystemUpdates, "state"));
    }

    @Test
    void raisesEnableDataCollectionOnTheSubscriptionWhenItIsOffAndResolvesItWhenOn() {
        PolicyStub.set(policy(subscription, "Web-RG", Switch.Off, ValueSource.SUBSCRIPTION, ALL_ON));

        messages.deliver(messages.registered(web01, "Linux"));
        JsonPath off = list("type", "EnableDataCollection");

        assertEquals(1, off.getList("value").size());
        assertEquals("/subscriptions/" + subscription, off.getString("value[0].resourceId"));
        assertEquals("Active", off.getString("value[0].state"));
        assertEquals("High", off.getString("value[0].severity"));
        assertEquals("subscription", off.getString("value[0].details.decidedBy"));

        PolicyStub.set(policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, ALL_ON));
        messages.deliverFromPolicy(messages.policyChanged(subscription, null));
        messages.deliver(messages.reported(web01, "Linux", report(TUESDAY, NO_UPDATE_MISSING, null)));

        assertEquals("Resolved", list("type", "EnableDataCollection").getString("value[0].state"));
    }

    @Test
    void raisesEnableDataCollectionOnTheResourceGroupThatTurnsItOff() {
        PolicyStub.set(policy(subscription, "Web-RG", Switch.Off, ValueSource.RESOURCE_GROUP, ALL_ON));

        messages.deliver(messages.registered(web01, "Linux"));

        JsonPath found = list("resourceGroup", "web-rg");
        assertEquals(1, found.getList("value").size());
        assertEquals(
                "/subscriptions/" + subscription + "/resourceGroups/Web-RG", found.getString("value[0].resourceId"));
        assertEquals("EnableDataCollection", found.getString("value[0].type"));
    }

    @Test
    void resolvesARecommendationWhoseSwitchIsTurnedOff() {
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, ROOT_UNENCRYPTED)));

        PolicyStub.set(
                policy(subscription, "Web-RG", Switch.On, ValueSource.SUBSCRIPTION, allOnExcept("diskEncryption")));
        messages.deliverFromPolicy(messages.policyChanged(subscription, "Web-RG"));
        messages.deliver(messages.reported(web01, "Linux", report(TUESDAY, null, ROOT_UNENCRYPTED)));

        JsonPath list = list("machine", "web01");
        assertEquals("Resolved", field(list, RecommendationType.ApplyDiskEncryption, "state"));
        assertEquals("Active", field(list, RecommendationType.ApplySystemUpdates, "state"));
    }

    @Test
    void refusesTheBatchWhilePolicyServiceIsUnavailableAndTakesItLater() {
        PolicyStub.unavailableFor(subscription, true);
        String batch = messages.batch(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, null)));

        messages.post(batch)
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/dependency-unavailable"));
        given().when()
                .get("/api/v1/subscriptions/{sub}/recommendations", subscription)
                .then()
                .statusCode(200)
                .body("value", empty());

        PolicyStub.unavailableFor(subscription, false);
        messages.post(batch).statusCode(204);

        assertEquals("Active", field(list("machine", "web01"), RecommendationType.ApplySystemUpdates, "state"));
    }

    @Test
    void skipsMessagesOfAnUnknownKind() {
        messages.post(UNKNOWN_KIND.formatted(TestMessages.nextId())).statusCode(204);
    }

    @Test
    void refusesMalformedJson() {
        messages.post(MALFORMED_BATCH)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/malformed-body"));
    }

    @Test
    void refusesAPayloadOfTheWrongShape() {
        messages.post(STATE_WITH_NUMERIC_MACHINE.formatted(TestMessages.nextId()))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("messages[0].payload"));
    }

    @Test
    void refusesAMachineWithAnInvalidSubscriptionId() {
        MachineRef invalid = new MachineRef("Not A Subscription!", "Web-RG", "web01");

        messages.post(messages.batch(messages.registered(invalid, "Linux")))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("subscriptionId"));
    }

    @Test
    void refusesABatchWithoutSource() {
        Message registered = messages.registered(web01, "Linux");
        String withoutSource = messages.batch(registered).replace("\"source\":\"collector\"", "\"source\":null");

        messages.post(withoutSource)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("source"));
        given().when()
                .get("/api/v1/subscriptions/{sub}/recommendations", subscription)
                .then()
                .body("value", empty());
    }

    private JsonPath list(String filter, String value) {
        return given().queryParam(filter, value)
                .when()
                .get("/api/v1/subscriptions/{sub}/recommendations", subscription)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
    }

    private static String field(JsonPath list, RecommendationType type, String path) {
        return list.getString("value.find { it.type == '" + type.name() + "' }." + path);
    }
}
