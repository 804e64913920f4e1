package io.vigil.collector.notice;

import static io.restassured.RestAssured.given;
import static io.vigil.testing.Callers.asAdmin;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.policy.Switch;
import io.vigil.common.security.Headers;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policy-service's change notices make the collector judge reports by the new policy at once. */
@QuarkusTest
class PolicyNoticeResourceTest {

    private static final String NOTICES = "/internal/messages";
    private static final String REPORTS = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}/reports";
    private static final String REPORT = TestData.resource("requests/report-missing-security-update.json");
    private static final String MALFORMED = TestData.resource("requests/machine-malformed.json");
    private static final String POLICY_CREDENTIAL = "policy:test-policy-token";
    private static final String PROBLEM = "application/problem+json";
    private static final Instant CHANGED_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();

    @Inject
    ObjectMapper json;

    @BeforeEach
    void anonymous() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void refusesReportsRightAfterDataCollectionIsTurnedOffAndAnnounced() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        postReport(sub, "web").statusCode(202);
        PolicyStub.dataCollection(sub, Switch.Off);

        postNotices(asPolicy(), batch("policy", changeOf(sub, "WEB"))).statusCode(204);

        postReport(sub, "web")
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("/problems/data-collection-disabled"));
    }

    @Test
    void aChangeOfTheSubscriptionsOwnPolicyReachesEveryResourceGroup() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        postReport(sub, "web").statusCode(202);
        postReport(sub, "db").statusCode(202);
        PolicyStub.dataCollection(sub, Switch.Off);

        postNotices(asPolicy(), batch("policy", changeOf(sub, null))).statusCode(204);

        postReport(sub, "web").statusCode(403);
        postReport(sub, "db").statusCode(403);
    }

    @Test
    void takesNoticesOnlyFromPolicyService() {
        String notice = batch("policy", changeOf(TestData.newSubscription(), null));

        postNotices(given(), notice).statusCode(401).contentType(PROBLEM);
        postNotices(given().header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.admin("*"))), notice)
                .statusCode(401)
                .contentType(PROBLEM);
        postNotices(given().header(Headers.SERVICE_CREDENTIAL, "policy:not-the-policy-token"), notice)
                .statusCode(403)
                .contentType(PROBLEM);
        postNotices(given().header(Headers.SERVICE_CREDENTIAL, Callers.COLLECTOR_CREDENTIAL), notice)
                .statusCode(403)
                .contentType(PROBLEM);
    }

    @Test
    void ignoresKindsItDoesNotListenToAndTakesARepeatedNotice() {
        String sub = TestData.newSubscription();
        Message unknown = new Message(MESSAGE_IDS.incrementAndGet(), "RecommendationChanged", sub, json.nullNode());
        Message change = changeOf(sub, "web");

        postNotices(asPolicy(), batch("policy", unknown, change)).statusCode(204);
        postNotices(asPolicy(), batch("policy", unknown, change)).statusCode(204);
    }

    @Test
    void refusesANoticeThatBreaksTheContract() {
        postNotices(asPolicy(), MALFORMED)
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("/problems/malformed-body"));
        postNotices(asPolicy(), batch("policy", changeOf("Bad Subscription", null)))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("subscriptionId"));
        postNotices(asPolicy(), batch("collector", changeOf(TestData.newSubscription(), null)))
                .statusCode(403)
                .contentType(PROBLEM);
        Message notAChange = new Message(
                MESSAGE_IDS.incrementAndGet(),
                MessageKinds.POLICY_CHANGED,
                "key",
                json.createObjectNode()
                        .put("subscriptionId", TestData.newSubscription())
                        .put("tier", "Gold"));
        postNotices(asPolicy(), batch("policy", notAChange))
                .statusCode(400)
                .body("errors[0].field", equalTo("messages[0].payload"));
    }

    private static RequestSpecification asPolicy() {
        return given().header(Headers.SERVICE_CREDENTIAL, POLICY_CREDENTIAL);
    }

    private static ValidatableResponse postReport(String sub, String group) {
        return asAdmin(sub)
                .contentType(ContentType.JSON)
                .body(REPORT)
                .when()
                .post(REPORTS, sub, group, "web-01")
                .then();
    }

    private static ValidatableResponse postNotices(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(NOTICES)
                .then();
    }

    private Message changeOf(String sub, String group) {
        PolicyChanged change = new PolicyChanged(sub, group, 2, CHANGED_AT);
        return new Message(MESSAGE_IDS.incrementAndGet(), MessageKinds.POLICY_CHANGED, sub, json.valueToTree(change));
    }

    private String batch(String source, Message... messages) {
        try {
            return json.writeValueAsString(new MessageBatch(source, List.of(messages)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
