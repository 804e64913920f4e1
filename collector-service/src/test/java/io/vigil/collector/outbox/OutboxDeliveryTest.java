package io.vigil.collector.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.collector.support.MessageSink;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.Switch;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxDeliveryTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);

    @Inject
    TestDatabase database;

    @BeforeEach
    void asAdmin() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void receiversUpAgain() {
        MessageSink.failing(false);
    }

    @Test
    void deliversEachMessageOnceToAReceiverThatWasDown() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        String key = ("/subscriptions/" + sub + "/resourceGroups/web/machines/web-01").toLowerCase();
        int refusedBefore = MessageSink.refusedDeliveries();
        MessageSink.failing(true);

        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/machine-linux.json"))
                .when()
                .put(MACHINE, sub, "web", "web-01")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(TestData.resource("requests/report-missing-security-update.json"))
                .when()
                .post(MACHINE + "/reports", sub, "web", "web-01")
                .then()
                .statusCode(202);
        await().atMost(DELIVERY_BOUND).until(() -> MessageSink.refusedDeliveries() > refusedBefore);
        assertEquals(List.of(), MessageSink.received("recommendation", key));
        MessageSink.failing(false);

        List<Message> delivered = await().atMost(DELIVERY_BOUND)
                .until(() -> MessageSink.received("recommendation", key), found -> found.size() >= 2);
        await().atMost(DELIVERY_BOUND)
                .until(() -> database.count("select count(*) from collector.outbox where message_key = $1", key) == 0);
        delivered = MessageSink.received("recommendation", key);
        assertEquals(
                List.of(MessageKinds.MACHINE_REGISTERED, MessageKinds.STATE_REPORTED),
                delivered.stream().map(Message::kind).toList());
        assertEquals(2, delivered.stream().map(Message::id).distinct().count());
    }

    @Test
    void publishesTheBacklogAndTheAgeOfItsOldestMessage() {
        String sub = TestData.newSubscription();
        MessageSink.failing(true);

        given().when().post(MACHINE + "/heartbeat", sub, "web", "web-02").then().statusCode(204);

        await().atMost(DELIVERY_BOUND)
                .until(() -> metric("vigil_outbox_backlog") >= 1 && metric("vigil_outbox_oldest_age_seconds") > 0);
        MessageSink.failing(false);
        await().atMost(DELIVERY_BOUND).until(() -> metric("vigil_outbox_backlog") == 0);
    }

    private static double metric(String name) {
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }
}
