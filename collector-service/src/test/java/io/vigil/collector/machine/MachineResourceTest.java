package io.vigil.collector.machine;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.collector.support.MessageSink;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MachineResourceTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final String MACHINES = "/api/v1/subscriptions/{sub}/machines";
    private static final String LINUX_MACHINE = TestData.resource("requests/machine-linux.json");
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(20);

    @Inject
    TestDatabase database;

    @BeforeEach
    void asAdmin() {
        Callers.everyRequestAsAdmin();
    }

    @Test
    void registersAMachineAndReadsItUnderAnySpellingOfItsNames() {
        String sub = TestData.newSubscription();

        register(sub, "Web-Servers", "Web-01")
                .body("name", equalTo("Web-01"))
                .body("resourceId", equalTo("/subscriptions/" + sub + "/resourceGroups/Web-Servers/machines/Web-01"))
                .body("osType", equalTo("Linux"))
                .body("agentStatus", equalTo("NeverReported"));

        given().when()
                .get(MACHINE, sub, "WEB-SERVERS", "web-01")
                .then()
                .statusCode(200)
                .body("name", equalTo("Web-01"))
                .body("resourceGroup", equalTo("Web-Servers"))
                .body("vmId", equalTo("5f0c3f4e-8b7a-4a55-9b1e-0d6c1a2b3c4d"))
                .body("lastHeartbeat", nullValue());
        register(sub, "web-servers", "WEB-01")
                .body("resourceId", equalTo("/subscriptions/" + sub + "/resourceGroups/Web-Servers/machines/Web-01"));
        given().when().get(MACHINES, sub).then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void announcesARegistrationToRecommendation() {
        String sub = TestData.newSubscription();

        register(sub, "web", "web-02");

        String key = ("/subscriptions/" + sub + "/resourcegroups/web/machines/web-02").toLowerCase();
        List<Message> messages = await().atMost(DELIVERY_BOUND)
                .until(() -> MessageSink.received("recommendation", key), received -> !received.isEmpty());
        assertEquals(MessageKinds.MACHINE_REGISTERED, messages.get(0).kind());
        assertEquals("Linux", messages.get(0).payload().get("osType").asText());
        assertEquals(
                "web-02", messages.get(0).payload().get("machine").get("name").asText());
    }

    @Test
    void heartbeatRegistersAnUnknownMachineAndMakesItReporting() {
        String sub = TestData.newSubscription();

        given().when().post(MACHINE + "/heartbeat", sub, "edge", "gw-01").then().statusCode(204);

        given().when()
                .get(MACHINE, sub, "edge", "gw-01")
                .then()
                .statusCode(200)
                .body("agentStatus", equalTo("Reporting"))
                .body("lastHeartbeat", notNullValue())
                .body("osType", nullValue());
    }

    @Test
    void machineSilentLongerThanItsPolicyAllowsIsUnresponsive() {
        String sub = TestData.newSubscription();
        given().when().post(MACHINE + "/heartbeat", sub, "edge", "gw-02").then().statusCode(204);

        database.update(
                "update collector.machine set last_heartbeat = now() - interval '16 minutes'"
                        + " where subscription_id = $1",
                sub);

        given().when()
                .get(MACHINE, sub, "edge", "gw-02")
                .then()
                .statusCode(200)
                .body("agentStatus", equalTo("Unresponsive"));
    }

    @Test
    void listsMachinesByResourceGroupAndAgentStatusPageByPage() {
        String sub = TestData.newSubscription();
        register(sub, "Alpha", "a-1");
        register(sub, "Alpha", "a-2");
        register(sub, "Alpha", "a-3");
        register(sub, "beta", "b-1");
        given().when().post(MACHINE + "/heartbeat", sub, "beta", "b-2").then().statusCode(204);
        given().when().post(MACHINE + "/heartbeat", sub, "alpha", "a-3").then().statusCode(204);

        assertEquals(List.of("a-1", "a-2", "a-3", "b-1", "b-2"), allPages(sub, "limit", 2));
        assertEquals(List.of("a-1", "a-2", "a-3"), allPages(sub, "resourceGroup", "ALPHA"));
        assertEquals(List.of("a-3", "b-2"), allPages(sub, "agentStatus", "Reporting"));
        given().queryParam("agentStatus", "NeverReported")
                .queryParam("limit", 1)
                .when()
                .get(MACHINES, sub)
                .then()
                .statusCode(200)
                .body("value.name", containsInAnyOrder("a-1"))
                .body("nextLink", notNullValue());
    }

    @Test
    void answersNotFoundForAMachineNeverSeen() {
        given().when()
                .get(MACHINE, TestData.newSubscription(), "web", "ghost")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
    }

    @Test
    void refusesMalformedJson() {
        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/machine-malformed.json"))
                .when()
                .put(MACHINE, TestData.newSubscription(), "web", "web-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-body"));
    }

    @Test
    void refusesAVmIdHoldingANulCharacter() {
        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/machine-nul-in-vm-id.json"))
                .when()
                .put(MACHINE, TestData.newSubscription(), "web", "web-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors[0].field", equalTo("vmId"));
    }

    @Test
    void refusesAnUnknownOsType() {
        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/machine-solaris.json"))
                .when()
                .put(MACHINE, TestData.newSubscription(), "web", "web-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors[0].field", equalTo("osType"));
    }

    /** PostgreSQL can store no NUL in text: such a name is the caller's mistake, not the database's failure. */
    @Test
    void refusesTextWithANulCharacter() {
        String sub = TestData.newSubscription();

        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/machine-nul-in-os-name.json"))
                .when()
                .put(MACHINE, sub, "web", "web-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("osName"))
                .body("errors[0].message", equalTo("must not contain a NUL character"));
        given().when().get(MACHINE, sub, "web", "web-01").then().statusCode(404);
    }

    @Test
    void refusesAnInvalidSubscriptionId() {
        given().contentType(ContentType.JSON)
                .body(LINUX_MACHINE)
                .when()
                .put(MACHINE, "Not_A_Subscription!", "web", "web-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("subscriptionId"));
        given().when()
                .get(MACHINES, "Not_A_Subscription!")
                .then()
                .statusCode(400)
                .body("type", equalTo("/problems/validation-failed"));
    }

    @Test
    void refusesAnInvalidMachineNameAndListParameters() {
        String sub = TestData.newSubscription();

        given().when()
                .post(MACHINE + "/heartbeat", sub, "web", "bad name!")
                .then()
                .statusCode(400);
        given().queryParam("limit", 0).when().get(MACHINES, sub).then().statusCode(400);
        given().queryParam("limit", 201).when().get(MACHINES, sub).then().statusCode(400);
        given().queryParam("limit", "all")
                .when()
                .get(MACHINES, sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("agentStatus", "Sleeping")
                .when()
                .get(MACHINES, sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("agentStatus"));
        given().queryParam("after", "x").when().get(MACHINES, sub).then().statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse register(String sub, String group, String name) {
        return given().contentType(ContentType.JSON)
                .body(LINUX_MACHINE)
                .when()
                .put(MACHINE, sub, group, name)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON);
    }

    /** Every machine name over all pages, following nextLink. */
    private static List<String> allPages(String sub, String parameter, Object value) {
        List<String> names = new ArrayList<>();
        JsonPath page = given().queryParam(parameter, value)
                .when()
                .get(MACHINES, sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        names.addAll(page.getList("value.name"));
        int pages = 1;
        while (page.getString("nextLink") != null && pages < 10) {
            page = given().when()
                    .get(page.getString("nextLink"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            names.addAll(page.getList("value.name"));
            pages++;
        }
        return names;
    }
}
