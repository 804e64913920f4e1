package io.vigil.collector.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.policy.Switch;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSON uploads of Windows and Vigil events, and the refused entries kept for an operator to read. */
@QuarkusTest
class JsonEventResourceTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final String EVENTS_OF_SUBSCRIPTION = "select count(*) from collector.event e"
            + " join collector.machine m on m.id = e.machine_id where m.subscription_id = $1";
    private static final String MIXED = TestData.resource("events/windows/mixed-batch.json");

    @Inject
    TestDatabase database;

    private String sub;

    @BeforeEach
    void collectingSubscription() {
        sub = TestData.collectingSubscription();
    }

    @Test
    void takesTheGoodEntriesOfAMixedBatchAndNamesEachBadOne() {
        JsonPath answer = post(MIXED).statusCode(202).extract().jsonPath();

        int accepted = answer.getInt("accepted");
        int rejected = answer.getInt("rejected");
        assertEquals(accepted, database.count(EVENTS_OF_SUBSCRIPTION, sub));
        assertEquals(rejected, answer.getList("errors").size());
        List<Integer> indexes = answer.getList("errors.index");
        assertEquals(List.of(1, 2, 3, 4, 6), indexes.subList(0, 5));
        answer.getList("errors.reason", String.class).forEach(reason -> assertEquals(false, reason.isBlank()));
    }

    @Test
    void keepsRefusedEntriesForInspectionNewestFirst() {
        post(MIXED).statusCode(202);
        post("[{\"time\": \"2026-12-01T10:00:00Z\", \"category\": \"Authentication\", \"action\": \"BruteForce\"}]")
                .statusCode(202)
                .body("rejected", equalTo(1));

        ValidatableResponse page = given().queryParam("limit", 1)
                .when()
                .get(MACHINE + "/rejectedEvents", sub, "rg", "win-01")
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].index", equalTo(0))
                .body("value[0].reason", containsString("action"))
                .body("value[0].raw", containsString("BruteForce"));
        String next = page.extract().path("nextLink");
        given().when().get(next).then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void storesTheDestinationOfABlockedConnectionInEitherForm() {
        String outbound = TestData.resource("events/windows/wfp-5152-flat-outbound.json");
        String mapped = TestData.resource("events/windows/wfp-5152-nested-outbound-mapped.json");
        String inbound = TestData.resource("events/windows/wfp-5157-nested-inbound.json");

        post("[" + outbound + "," + mapped + "," + inbound + "]")
                .statusCode(202)
                .body("accepted", equalTo(3));

        assertEquals(
                List.of(
                        "203.0.113.30 -> 10.0.0.4:3389",
                        "10.0.0.4 -> 198.51.100.53:53",
                        "10.0.0.4 -> 198.51.100.60:443"),
                database.texts(
                        "select e.source_address || ' -> ' || e.destination_address || ':' || e.destination_port"
                                + " from collector.event e join collector.machine m on m.id = e.machine_id"
                                + " where m.subscription_id = $1 order by e.event_time",
                        sub));
    }

    @Test
    void takesTheDestinationAddressOfAVigilEvent() {
        post("[{\"time\": \"2026-12-01T10:00:00Z\", \"category\": \"Firewall\", \"action\": \"ConnectionBlocked\","
                        + " \"sourceAddress\": \"2001:db8::66\", \"destinationAddress\": \"2001:db8::4\","
                        + " \"destinationPort\": 22}]")
                .statusCode(202)
                .body("accepted", equalTo(1));

        assertEquals(
                1,
                database.count(
                        EVENTS_OF_SUBSCRIPTION + " and e.destination_address = '2001:db8::4'"
                                + " and e.destination_port = 22",
                        sub));
    }

    @Test
    void refusesABodyThatIsNotAJsonArray() {
        post("{\"EventID\": 4625}").statusCode(400).body("detail", containsString("array"));
        post("[{\"EventID\": 4625,").statusCode(400).body("type", equalTo("/problems/malformed-body"));
        post("").statusCode(400);

        assertEquals(0, database.count(EVENTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesJsonEventsWhenDataCollectionIsOff() {
        PolicyStub.dataCollection(sub, Switch.Off);

        post(MIXED).statusCode(403).body("type", equalTo("/problems/data-collection-disabled"));
    }

    private ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(MACHINE + "/events", sub, "rg", "win-01")
                .then();
    }
}
