package io.vigil.collector.security;

import static io.restassured.RestAssured.given;
import static io.vigil.testing.Callers.asAdmin;
import static io.vigil.testing.Callers.asAgent;
import static io.vigil.testing.Callers.asReader;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.policy.Switch;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents ingest only into the subscription of their key; people read only subscriptions they were granted. */
@QuarkusTest
class CallerAccessTest {

    private static final String KEYS = "/api/v1/subscriptions/{sub}/ingestionKeys";
    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final String MACHINES = "/api/v1/subscriptions/{sub}/machines";
    private static final String LINUX_MACHINE = TestData.resource("requests/machine-linux.json");
    private static final String REPORT = TestData.resource("requests/report-missing-security-update.json");
    private static final String SYSLOG = TestData.resource("fixtures/linux/auth/test.log");
    private static final String MACHINES_OF_SUBSCRIPTION =
            "select count(*) from collector.machine where subscription_id = $1";

    @Inject
    TestDatabase database;

    @BeforeEach
    void anonymous() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void agentIngestsEverythingIntoTheSubscriptionOfItsKey() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        String key = keyOf(sub);

        asAgent(key)
                .contentType(ContentType.JSON)
                .body(LINUX_MACHINE)
                .when()
                .put(MACHINE, sub, "web", "web-01")
                .then()
                .statusCode(200);
        asAgent(key)
                .when()
                .post(MACHINE + "/heartbeat", sub, "web", "web-01")
                .then()
                .statusCode(204);
        asAgent(key)
                .contentType(ContentType.JSON)
                .body(REPORT)
                .when()
                .post(MACHINE + "/reports", sub, "web", "web-01")
                .then()
                .statusCode(202);
        asAgent(key)
                .contentType(ContentType.TEXT)
                .body(SYSLOG)
                .when()
                .post(MACHINE + "/events", sub, "web", "web-01")
                .then()
                .statusCode(202);

        asAdmin(sub)
                .when()
                .get(MACHINE, sub, "web", "web-01")
                .then()
                .statusCode(200)
                .body("agentStatus", equalTo("Reporting"));
    }

    @Test
    void agentIsRefusedForAnotherSubscription() {
        String sub = TestData.newSubscription();
        String other = TestData.newSubscription();
        PolicyStub.dataCollection(other, Switch.On);
        String key = keyOf(sub);

        asAgent(key)
                .contentType(ContentType.JSON)
                .body(LINUX_MACHINE)
                .when()
                .put(MACHINE, other, "web", "web-01")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        asAgent(key)
                .when()
                .post(MACHINE + "/heartbeat", other, "web", "web-01")
                .then()
                .statusCode(403);
        asAgent(key)
                .contentType(ContentType.JSON)
                .body(REPORT)
                .when()
                .post(MACHINE + "/reports", other, "web", "web-01")
                .then()
                .statusCode(403);
        asAgent(key)
                .contentType(ContentType.TEXT)
                .body(SYSLOG)
                .when()
                .post(MACHINE + "/events", other, "web", "web-01")
                .then()
                .statusCode(403);

        assertEquals(0, database.count(MACHINES_OF_SUBSCRIPTION, other));
    }

    @Test
    void agentKeyOpensNoReads() {
        String sub = TestData.newSubscription();

        asAgent(keyOf(sub)).when().get(MACHINES, sub).then().statusCode(401);
    }

    @Test
    void refusesAWrongSecretAndTextThatIsNoKey() {
        String sub = TestData.newSubscription();
        String key = keyOf(sub);
        String wrongSecret = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

        asAgent(wrongSecret)
                .when()
                .post(MACHINE + "/heartbeat", sub, "web", "web-01")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        asAgent("not-a-key")
                .when()
                .post(MACHINE + "/heartbeat", sub, "web", "web-01")
                .then()
                .statusCode(401);
        assertEquals(0, database.count(MACHINES_OF_SUBSCRIPTION, sub));
    }

    @Test
    void readerSeesMachinesOfItsSubscriptionOnly() {
        String sub = TestData.newSubscription();
        String other = TestData.newSubscription();
        asAdmin(sub)
                .when()
                .post(MACHINE + "/heartbeat", sub, "web", "web-01")
                .then()
                .statusCode(204);
        asAdmin(other)
                .when()
                .post(MACHINE + "/heartbeat", other, "web", "web-02")
                .then()
                .statusCode(204);

        asReader(sub)
                .when()
                .get(MACHINES, sub)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].name", equalTo("web-01"));
        asReader(sub).when().get(MACHINE, sub, "web", "web-01").then().statusCode(200);
        asReader(sub).when().get(MACHINES, other).then().statusCode(403).contentType("application/problem+json");
        asReader(sub).when().get(MACHINE, other, "web", "web-02").then().statusCode(403);
    }

    @Test
    void readerCannotIngest() {
        String sub = TestData.newSubscription();

        asReader(sub)
                .when()
                .post(MACHINE + "/heartbeat", sub, "web", "web-01")
                .then()
                .statusCode(403);
        asReader(sub)
                .contentType(ContentType.JSON)
                .body(LINUX_MACHINE)
                .when()
                .put(MACHINE, sub, "web", "web-01")
                .then()
                .statusCode(403);
        assertEquals(0, database.count(MACHINES_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesAnonymousExpiredAndForgedTokens() {
        String sub = TestData.newSubscription();

        given().when().get(MACHINES, sub).then().statusCode(401);
        given().header(Callers.AUTHORIZATION, TestTokens.bearer(TestTokens.expired(sub)))
                .when()
                .get(MACHINES, sub)
                .then()
                .statusCode(401);
        given().header(Callers.AUTHORIZATION, TestTokens.bearer(TestTokens.badSignature(sub)))
                .when()
                .get(MACHINES, sub)
                .then()
                .statusCode(401);
    }

    private static String keyOf(String sub) {
        return asAdmin(sub)
                .when()
                .post(KEYS, sub)
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }
}
