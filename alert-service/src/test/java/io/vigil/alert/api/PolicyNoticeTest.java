package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.PolicyStub;
import io.vigil.common.events.EventBatch;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.security.Headers;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policy-service's change notices make the next events of a scope be judged by its new pricing tier. */
@QuarkusTest
class PolicyNoticeTest {

    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final String MESSAGES = "/internal/messages";
    private static final String POLICY_CREDENTIAL = "policy:test-policy-token";
    private static final String PROBLEM = "application/problem+json";
    private static final String ATTACKER = "203.0.113.77";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant CHANGED_AT = Instant.parse("2026-12-01T09:30:00Z");
    private static final int THRESHOLD = 10;
    /** Apart from the ids of the other test classes, which share the inbox. */
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(Long.MAX_VALUE / 4);

    @Inject
    ObjectMapper json;

    @BeforeEach
    void anonymous() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void raisesBruteForceAlertsOnceAnAnnouncedChangeMadeTheTierStandard() {
        String sub = "sub-" + UUID.randomUUID();
        MachineRef machine = new MachineRef(sub, "Web-RG", "host01");
        PolicyStub.setPricingTier(sub, "Free");
        deliver(asCollector(), "collector", failuresOn(machine, T0)).statusCode(204);
        alertsOf(sub).body("value", empty());
        PolicyStub.setPricingTier(sub, "Standard");

        deliver(asPolicy(), "policy", changeOf(sub, "web-rg")).statusCode(204);
        deliver(asCollector(), "collector", failuresOn(machine, T0.plusSeconds(3600)))
                .statusCode(204);

        alertsOf(sub).body("value", hasSize(1)).body("value[0].alertType", equalTo("SshBruteForce"));
    }

    @Test
    void aChangeOfTheSubscriptionsOwnPolicyReachesEveryResourceGroup() {
        String sub = "sub-" + UUID.randomUUID();
        MachineRef web = new MachineRef(sub, "web", "host01");
        MachineRef db = new MachineRef(sub, "db", "host02");
        PolicyStub.setPricingTier(sub, "Free");
        deliver(asCollector(), "collector", failuresOn(web, T0), failuresOn(db, T0))
                .statusCode(204);
        PolicyStub.setPricingTier(sub, "Standard");

        deliver(asPolicy(), "policy", changeOf(sub, null)).statusCode(204);
        deliver(asCollector(), "collector", failuresOn(web, T0.plusSeconds(3600)), failuresOn(db, T0.plusSeconds(3600)))
                .statusCode(204);

        alertsOf(sub).body("value", hasSize(2));
    }

    @Test
    void takesNoticesOnlyFromPolicyService() {
        Message change = changeOf("sub-" + UUID.randomUUID(), null);

        deliver(given(), "policy", change).statusCode(401).contentType(PROBLEM);
        deliver(given().header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.admin("*"))), "policy", change)
                .statusCode(401)
                .contentType(PROBLEM);
        deliver(given().header(Headers.SERVICE_CREDENTIAL, "policy:not-the-policy-token"), "policy", change)
                .statusCode(403)
                .contentType(PROBLEM);
        deliver(asCollector(), "policy", change).statusCode(403).contentType(PROBLEM);
        deliver(asPolicy(), "collector", change).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void ignoresKindsItDoesNotListenToAndDropsARepeatedNotice() {
        String sub = "sub-" + UUID.randomUUID();
        Message unknown = new Message(MESSAGE_IDS.incrementAndGet(), "RecommendationChanged", sub, json.nullNode());
        Message change = changeOf(sub, "web");

        deliver(asPolicy(), "policy", unknown, change).statusCode(204);
        deliver(asPolicy(), "policy", unknown, change).statusCode(204);
    }

    @Test
    void refusesANoticeThatBreaksTheContract() {
        asPolicy()
                .contentType(ContentType.JSON)
                .body("{\"source\": \"policy\", \"messages\": [")
                .when()
                .post(MESSAGES)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        deliver(asPolicy(), "policy", changeOf("Bad Subscription", null))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("subscriptionId"));
        Message notAChange = new Message(
                MESSAGE_IDS.incrementAndGet(),
                MessageKinds.POLICY_CHANGED,
                "key",
                json.createObjectNode()
                        .put("subscriptionId", "sub-" + UUID.randomUUID())
                        .put("tier", "Gold"));
        deliver(asPolicy(), "policy", notAChange)
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("messages[0].payload"));
    }

    private static RequestSpecification asPolicy() {
        return given().header(Headers.SERVICE_CREDENTIAL, POLICY_CREDENTIAL);
    }

    private static RequestSpecification asCollector() {
        return given().header(Headers.SERVICE_CREDENTIAL, Callers.COLLECTOR_CREDENTIAL);
    }

    private static ValidatableResponse alertsOf(String sub) {
        return given().header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.admin(sub)))
                .when()
                .get(ALERTS, sub)
                .then()
                .statusCode(200);
    }

    private ValidatableResponse deliver(RequestSpecification request, String source, Message... messages) {
        String batch;
        try {
            batch = json.writeValueAsString(new MessageBatch(source, List.of(messages)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return request.contentType(ContentType.JSON)
                .body(batch)
                .when()
                .post(MESSAGES)
                .then();
    }

    private Message failuresOn(MachineRef machine, Instant first) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < THRESHOLD; i++) {
            events.add(Events.failedLogon(first.plusSeconds(5L * i), ATTACKER, "root", 1));
        }
        return new Message(
                MESSAGE_IDS.incrementAndGet(),
                MessageKinds.EVENTS_NORMALIZED,
                machine.key(),
                json.valueToTree(new EventBatch(machine, events)));
    }

    private Message changeOf(String sub, String group) {
        PolicyChanged change = new PolicyChanged(sub, group, 2, CHANGED_AT);
        return new Message(MESSAGE_IDS.incrementAndGet(), MessageKinds.POLICY_CHANGED, sub, json.valueToTree(change));
    }
}
