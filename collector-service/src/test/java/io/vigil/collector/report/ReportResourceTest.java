package io.vigil.collector.report;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.collector.support.MessageSink;
import io.vigil.collector.support.OversizedUpload;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.Switch;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportResourceTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final String REPORTS = MACHINE + "/reports";
    private static final String REPORT = TestData.resource("requests/report-missing-security-update.json");
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(20);
    private static final String REPORTS_OF_SUBSCRIPTION = "select count(*) from collector.state_report r"
            + " join collector.machine m on m.id = r.machine_id where m.subscription_id = $1";

    @Inject
    TestDatabase database;

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void asAdmin() {
        Callers.everyRequestAsAdmin();
    }

    @Test
    void acceptsAReportAndDeliversItsSnapshotToRecommendation() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/machine-linux.json"))
                .when()
                .put(MACHINE, sub, "web", "web-01")
                .then()
                .statusCode(200);

        postReport(sub, "Web", "WEB-01", REPORT).statusCode(202);

        List<Message> snapshots = await().atMost(DELIVERY_BOUND)
                .until(() -> kinds(sub, "web", "web-01", MessageKinds.STATE_REPORTED), found -> !found.isEmpty());
        assertEquals(1, snapshots.size());
        assertEquals("Linux", snapshots.get(0).payload().get("osType").asText());
        assertEquals(
                "web-01", snapshots.get(0).payload().get("machine").get("name").asText());
        assertEquals(
                "DSA-5343-1",
                snapshots.get(0).payload().at("/report/updates/missing/0/id").asText());
        assertEquals(1, database.count(REPORTS_OF_SUBSCRIPTION, sub));
        given().when().get(MACHINE, sub, "web", "web-01").then().statusCode(200).body("lastReport", notNullValue());
    }

    @Test
    void tellsAlertOfTheEndpointProtectionAReportCarries() {
        String sub = TestData.collectingSubscription();
        String key = ("/subscriptions/" + sub + "/resourceGroups/web/machines/web-09").toLowerCase();

        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/report-missing-security-update.json"))
                .when()
                .post(MACHINE + "/reports", sub, "web", "web-09")
                .then()
                .statusCode(202);
        given().contentType(ContentType.JSON)
                .body("{\"collectedAt\": \"2026-12-01T11:00:00Z\", \"updates\": {\"missing\": []}}")
                .when()
                .post(MACHINE + "/reports", sub, "web", "web-09")
                .then()
                .statusCode(202);

        List<Message> toAlert = await().atMost(DELIVERY_BOUND)
                .until(() -> MessageSink.received("alert", key), found -> !found.isEmpty());
        await().atMost(DELIVERY_BOUND)
                .until(() -> MessageSink.received("recommendation", key).stream()
                                .filter(m -> m.kind().equals(MessageKinds.STATE_REPORTED))
                                .count()
                        == 2);
        toAlert = MessageSink.received("alert", key);
        assertEquals(1, toAlert.size());
        assertEquals(MessageKinds.ENDPOINT_PROTECTION_REPORTED, toAlert.get(0).kind());
        assertEquals(
                true,
                toAlert.get(0)
                        .payload()
                        .get("endpointProtection")
                        .get("realTimeProtection")
                        .asBoolean());
    }

    @Test
    void registersAnUnknownMachineOnItsFirstReport() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postReport(sub, "db", "db-07", REPORT).statusCode(202);

        given().when()
                .get(MACHINE, sub, "db", "db-07")
                .then()
                .statusCode(200)
                .body("agentStatus", equalTo("NeverReported"))
                .body("lastReport", notNullValue());
        await().atMost(DELIVERY_BOUND)
                .until(() -> kinds(sub, "db", "db-07", MessageKinds.MACHINE_REGISTERED), found -> found.size() == 1);
    }

    @Test
    void refusesReportWhenDataCollectionIsOff() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.Off);

        postReport(sub, "dark", "db-01", REPORT)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/data-collection-disabled"));

        assertEquals(0, database.count(REPORTS_OF_SUBSCRIPTION, sub));
        given().when().post(MACHINE + "/heartbeat", sub, "dark", "db-01").then().statusCode(204);
    }

    @Test
    void answersServiceUnavailableWhenPolicyServiceFails() {
        String sub = TestData.newSubscription();
        PolicyStub.unavailable(sub);

        postReport(sub, "web", "web-01", REPORT)
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/dependency-unavailable"));

        assertEquals(0, database.count(REPORTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesAReportThatBreaksTheContract() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postReport(sub, "web", "web-01", TestData.resource("requests/report-update-without-classification.json"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors[0].field", equalTo("updates.missing[0].classification"));
        postReport(sub, "web", "web-01", TestData.resource("requests/report-unknown-volume-kind.json"))
                .statusCode(400)
                .body("type", equalTo("/problems/validation-failed"));
        postReport(sub, "web", "web-01", TestData.resource("requests/machine-malformed.json"))
                .statusCode(400)
                .body("type", equalTo("/problems/malformed-body"));
        postReport("Bad Subscription", "web", "web-01", REPORT)
                .statusCode(400)
                .body("errors[0].field", equalTo("subscriptionId"));
        assertEquals(0, database.count(REPORTS_OF_SUBSCRIPTION, sub));
    }

    /**
     * A section is replaced only by one collected later, so a report dated ahead would outlast every true report after
     * it; one from a machine whose clock is wrong, or a time no database holds, is refused and nothing is stored.
     */
    @Test
    void refusesAReportDatedAheadOfItsArrival() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postReport(sub, "web", "web-01", TestData.resource("requests/report-collected-next-century.json"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("collectedAt"));
        postReport(sub, "web", "web-01", TestData.resource("requests/report-collected-past-year-9999.json"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("collectedAt"));
        assertEquals(0, database.count(REPORTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesASectionOfTheWrongShapeWithAProblemDocument() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postReport(sub, "web", "web-01", TestData.resource("requests/report-updates-not-an-object.json"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors[0].field", equalTo("updates"));
        assertEquals(0, database.count(REPORTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesAReportPastTheBodyLimitWithAProblemDocumentAndStoresNothing() throws Exception {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        HttpResponse<String> answer = OversizedUpload.post(
                root,
                "api/v1/subscriptions/" + sub + "/resourceGroups/web/machines/web-01/reports",
                "application/json",
                sub);

        assertEquals(413, answer.statusCode());
        assertEquals(Optional.of("application/problem+json"), answer.headers().firstValue("Content-Type"));
        assertTrue(answer.body().contains("\"type\":\"/problems/body-too-large\""), answer.body());
        assertEquals(0, database.count(REPORTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesTextWithANulCharacter() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postReport(sub, "web", "web-01", TestData.resource("requests/report-nul-in-update-title.json"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("updates.missing[0].title"));
        assertEquals(0, database.count(REPORTS_OF_SUBSCRIPTION, sub));
    }

    private static io.restassured.response.ValidatableResponse postReport(
            String sub, String group, String name, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(REPORTS, sub, group, name)
                .then();
    }

    private static List<Message> kinds(String sub, String group, String name, String kind) {
        String key = ("/subscriptions/" + sub + "/resourceGroups/" + group + "/machines/" + name).toLowerCase();
        return MessageSink.received("recommendation", key).stream()
                .filter(message -> message.kind().equals(kind))
                .toList();
    }
}
