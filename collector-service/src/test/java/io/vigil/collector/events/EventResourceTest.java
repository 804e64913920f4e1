package io.vigil.collector.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventResourceTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final String EVENTS = MACHINE + "/events";
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(20);
    private static final String EVENTS_OF_SUBSCRIPTION = "select count(*) from collector.event e"
            + " join collector.machine m on m.id = e.machine_id where m.subscription_id = $1";
    private static final String REJECTED_OF_SUBSCRIPTION = "select count(*) from collector.rejected_event_line r"
            + " join collector.machine m on m.id = r.machine_id where m.subscription_id = $1 and r.line_index = $2"
            + " and r.raw = $3";

    /** JSON writes this control character as six characters: a line of them grows sixfold on its way to alert. */
    private static final String CONTROL_CHARACTER = String.valueOf((char) 1);

    private static final String LONG_LINE_START = "Mar  5 10:00:01 web03 app[7]: ";

    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;
    private static final String OUTBOX_OF_SUBSCRIPTION =
            "select count(*) from collector.outbox where payload::text like $1";

    @Inject
    TestDatabase database;

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void asAdmin() {
        Callers.everyRequestAsAdmin();
    }

    @Test
    void acceptsTheRhelSecureLogAndDeliversItsEventsToAlert() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postSyslog(sub, "linux-servers", "host01", TestData.resource("fixtures/linux/auth/secure-rhel7.log"))
                .statusCode(202)
                .body("accepted", equalTo(1000))
                .body("rejected", equalTo(0))
                .body("errors", empty());

        assertEquals(1000, database.count(EVENTS_OF_SUBSCRIPTION, sub));
        List<JsonNode> events = await().atMost(DELIVERY_BOUND)
                .until(() -> deliveredEvents(sub, "linux-servers", "host01"), found -> found.size() == 1000);
        Map<String, Integer> failuresBySource = new TreeMap<>();
        events.stream()
                .filter(event -> event.get("action").asText().equals("LogonFailed"))
                .forEach(event ->
                        failuresBySource.merge(event.get("sourceAddress").asText(), 1, Integer::sum));
        assertEquals(Map.of("203.0.113.10", 213, "203.0.113.20", 61, "203.0.113.30", 78), failuresBySource);
    }

    @Test
    void keepsTheRemotePeerOfABlockedOutboundPacketAndDeliversIt() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postSyslog(sub, "web", "fw01", TestData.resource("events/syslog/firewall.log"))
                .statusCode(202)
                .body("accepted", equalTo(9));

        assertEquals(
                1,
                database.count(
                        EVENTS_OF_SUBSCRIPTION + " and e.source_address = '10.0.0.4'"
                                + " and e.destination_address = '198.51.100.53' and e.destination_port = 53",
                        sub));
        assertEquals(8, database.count(EVENTS_OF_SUBSCRIPTION + " and e.destination_address is not null", sub));
        List<JsonNode> events = await().atMost(DELIVERY_BOUND)
                .until(() -> deliveredEvents(sub, "web", "fw01"), found -> found.size() == 9);
        assertEquals("198.51.100.53", events.get(7).get("destinationAddress").asText());
        assertEquals("10.0.0.4", events.get(0).get("destinationAddress").asText());
        assertEquals(false, events.get(6).has("destinationAddress"), "a link message names no address");
    }

    @Test
    void deliversAnUploadOfLongLinesInMessagesSmallEnoughForTheReceiver() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        // A thousand of these lines in one message would be 18 MB of JSON, past the 16 MB the test receiver takes.
        String line = LONG_LINE_START + CONTROL_CHARACTER.repeat(3000);

        postSyslog(sub, "web", "web03", (line + "\n").repeat(1000))
                .statusCode(202)
                .body("accepted", equalTo(1000));

        await().atMost(DELIVERY_BOUND)
                .until(() -> deliveredEvents(sub, "web", "web03").size(), count -> count == 1000);
        assertEquals(
                line, deliveredEvents(sub, "web", "web03").get(999).get("raw").asText());
    }

    @Test
    void countsUnreadableLinesAsRejectedAndKeepsThem() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        postSyslog(sub, "web", "web01", TestData.resource("events/auth-with-garbage.log"))
                .statusCode(202)
                .body("accepted", equalTo(3))
                .body("rejected", equalTo(1))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].reason", startsWith("not a syslog line"));

        assertEquals(3, database.count(EVENTS_OF_SUBSCRIPTION, sub));
        assertEquals(1, database.count(REJECTED_OF_SUBSCRIPTION, sub, 1, "this line is not syslog"));
        List<JsonNode> events = await().atMost(DELIVERY_BOUND)
                .until(() -> deliveredEvents(sub, "web", "web01"), found -> found.size() == 3);
        assertEquals(2, events.get(1).get("count").asInt());
    }

    @Test
    void readsLinesWithoutAZoneInTheZoneGiven() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        given().contentType(ContentType.TEXT)
                .queryParam("timezone", "Europe/Paris")
                .body(TestData.resource("fixtures/linux/auth/timestamp.log"))
                .when()
                .post(EVENTS, sub, "web", "web02")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));

        List<JsonNode> events = await().atMost(DELIVERY_BOUND)
                .until(() -> deliveredEvents(sub, "web", "web02"), found -> found.size() == 2);
        assertEquals("2019-06-14T08:40:20.912134Z", events.get(0).get("time").asText());
        assertEquals("2019-06-14T11:31:15.412Z", events.get(1).get("time").asText());
    }

    @Test
    void refusesEventsWhenDataCollectionIsOffButStillTakesHeartbeats() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.Off);

        postSyslog(sub, "dark", "db-01", TestData.resource("fixtures/linux/auth/test.log"))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/data-collection-disabled"));

        given().when().post(MACHINE + "/heartbeat", sub, "dark", "db-01").then().statusCode(204);
        given().when()
                .get(MACHINE, sub, "dark", "db-01")
                .then()
                .statusCode(200)
                .body("agentStatus", equalTo("Reporting"));
        assertEquals(0, database.count(EVENTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesAnUnknownTimezoneAndAnInvalidSubscription() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        given().contentType(ContentType.TEXT)
                .queryParam("timezone", "Mars/Olympus_Mons")
                .body(TestData.resource("fixtures/linux/auth/test.log"))
                .when()
                .post(EVENTS, sub, "web", "web01")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("timezone"));
        postSyslog("UPPER-case", "web", "web01", TestData.resource("fixtures/linux/auth/test.log"))
                .statusCode(400)
                .body("errors[0].field", equalTo("subscriptionId"));
        assertEquals(0, database.count(EVENTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void takesARealBatchOfTenMegabytesOfSshdLines() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        List<String> sshd = TestData.resource("fixtures/linux/auth/secure-rhel7.log")
                .lines()
                .filter(line -> line.contains(" sshd["))
                .toList();
        String lines = String.join("\n", sshd) + "\n";
        int copies = (int) Math.ceil(TEN_MEGABYTES / (double) lines.length());
        String batch = lines.repeat(copies);

        postSyslog(sub, "linux-servers", "host01", batch)
                .statusCode(202)
                .body("accepted", equalTo(998 * copies))
                .body("rejected", equalTo(0))
                .body("errors", empty());

        assertEquals(true, batch.length() >= TEN_MEGABYTES && batch.length() < 11 * 1024 * 1024, "" + batch.length());
        assertEquals(true, 998 * copies > 50_000, "more lines than the limit used to allow: " + 998 * copies);
        assertEquals(998L * copies, database.count(EVENTS_OF_SUBSCRIPTION, sub));
        assertEquals(
                List.of("203.0.113.10 " + 213 * copies, "203.0.113.20 " + 61 * copies, "203.0.113.30 " + 78 * copies),
                database.texts(
                        "select e.source_address || ' ' || count(*) from collector.event e"
                                + " join collector.machine m on m.id = e.machine_id"
                                + " where m.subscription_id = $1 and e.action = 'LogonFailed'"
                                + " group by e.source_address order by e.source_address",
                        sub));
        await().atMost(DELIVERY_BOUND)
                .until(() -> database.count(OUTBOX_OF_SUBSCRIPTION, "%" + sub + "%"), count -> count == 0);
    }

    @Test
    void refusesUploadsPastTheLineLimitAndStoresNothing() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        // Short lines: even past the limit of lines, the upload is far within the body limit.
        String line = "Feb 22 16:45:20 host01 sshd[1]: x\n";

        postSyslog(sub, "web", "web01", line.repeat(EventResource.MAX_ENTRIES + 1))
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-lines"))
                .body("detail", equalTo("An upload holds at most 200000 lines; this one has 200001"));
        postSyslog(sub, "web", "web01", line.repeat(3)).statusCode(202).body("accepted", equalTo(3));

        assertEquals(3, database.count(EVENTS_OF_SUBSCRIPTION, sub));
    }

    @Test
    void refusesBodiesPastTheSizeLimit() throws Exception {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);

        HttpResponse<String> answer = OversizedUpload.post(
                root, "api/v1/subscriptions/" + sub + "/resourceGroups/web/machines/web01/events", "text/plain", sub);

        assertEquals(413, answer.statusCode());
        assertEquals(Optional.of("application/problem+json"), answer.headers().firstValue("Content-Type"));
        assertTrue(answer.body().contains("\"type\":\"/problems/body-too-large\""), answer.body());
        assertEquals(0, database.count(EVENTS_OF_SUBSCRIPTION, sub));
    }

    private static io.restassured.response.ValidatableResponse postSyslog(
            String sub, String group, String name, String body) {
        return given().contentType(ContentType.TEXT)
                .body(body)
                .when()
                .post(EVENTS, sub, group, name)
                .then();
    }

    /** The events of every EventsNormalized message the alert receiver got for the machine, in order. */
    private static List<JsonNode> deliveredEvents(String sub, String group, String name) {
        String key = ("/subscriptions/" + sub + "/resourceGroups/" + group + "/machines/" + name).toLowerCase();
        List<JsonNode> events = new ArrayList<>();
        for (Message message : MessageSink.received("alert", key)) {
            if (message.kind().equals(MessageKinds.EVENTS_NORMALIZED)) {
                message.payload().get("events").forEach(events::add);
            }
        }
        return events;
    }
}
