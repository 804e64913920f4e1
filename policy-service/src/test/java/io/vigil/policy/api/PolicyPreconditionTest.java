package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.EFFECTIVE_POLICY;
import static io.vigil.policy.support.Scopes.GROUP_POLICY;
import static io.vigil.policy.support.Scopes.HISTORY;
import static io.vigil.policy.support.Scopes.SUBSCRIPTION_POLICY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static io.vigil.policy.support.Scopes.putGroup;
import static io.vigil.policy.support.Scopes.putSubscription;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.common.messaging.Message;
import io.vigil.policy.support.MessageSink;
import io.vigil.testing.Callers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conditional writes (If-Match) of both scopes, and of the removal of a resource group's overrides. */
@QuarkusTest
class PolicyPreconditionTest {

    private static final String GROUP = "Web";
    private static final String PROBLEM = "application/problem+json";
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);
    private static final Map<String, Object> DISK_ENCRYPTION_OFF =
            Map.of("recommendations", Map.of("diskEncryption", "Off"), "agentSilenceMinutes", 5);
    private static final Map<String, Object> STANDARD = Map.of("pricingTier", "Standard");

    @BeforeEach
    void actAsSecurityAdministrator() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void forgetCredentials() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void removalWithAStaleETagIsRefusedAndChangesNothing() {
        String sub = newSubscription();
        putGroup(sub, GROUP, DISK_ENCRYPTION_OFF).then().statusCode(200).header("ETag", "\"1\"");
        putGroup(sub, GROUP, DISK_ENCRYPTION_OFF).then().statusCode(200).header("ETag", "\"2\"");

        delete(sub, "\"1\"")
                .then()
                .statusCode(412)
                .contentType(PROBLEM)
                .body("type", equalTo("/problems/precondition-failed"));

        given().when()
                .get(GROUP_POLICY, sub, GROUP)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("recommendations.diskEncryption", equalTo("Off"))
                .body("agentSilenceMinutes", equalTo(5));
        given().when()
                .get(EFFECTIVE_POLICY, sub, GROUP)
                .then()
                .body("inheritedFrom.recommendations.diskEncryption", equalTo("resourceGroup"));
        given().when().get(HISTORY, sub).then().body("value.version", contains(2, 1));
        // The refused removal wrote nothing to the outbox: the next change's notice follows the two writes directly.
        delete(sub, "\"2\"").then().statusCode(204);
        assertEquals(List.of(1, 2, 3), announcedVersions(sub, 3));
    }

    @Test
    void removalWithTheCurrentETagRemovesTheOverrides() {
        String sub = newSubscription();
        putGroup(sub, GROUP, DISK_ENCRYPTION_OFF).then().statusCode(200).header("ETag", "\"1\"");

        delete(sub, "\"1\"").then().statusCode(204);

        given().when()
                .get(GROUP_POLICY, sub, GROUP)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("recommendations", nullValue())
                .body("agentSilenceMinutes", nullValue());
        given().when()
                .get(EFFECTIVE_POLICY, sub, GROUP)
                .then()
                .body("recommendations.diskEncryption", equalTo("On"))
                .body("inheritedFrom.recommendations.diskEncryption", equalTo("default"))
                .body("agentSilenceMinutes", equalTo(15));
        given().when()
                .get(HISTORY, sub)
                .then()
                .body("value", hasSize(2))
                .body("value[0].version", equalTo(2))
                .body("value[0].after", nullValue())
                .body("value[0].before.agentSilenceMinutes", equalTo(5));
        assertEquals(List.of(1, 2), announcedVersions(sub, 2));
        delete(sub, "\"1\"").then().statusCode(412);
    }

    @Test
    void aStarDoesNotMatchAScopeNeverWritten() {
        String sub = newSubscription();

        writeSubscription(sub, "*", STANDARD).then().statusCode(412).contentType(PROBLEM);
        writeGroup(sub, "*", STANDARD).then().statusCode(412).contentType(PROBLEM);
        delete(sub, "*").then().statusCode(412).contentType(PROBLEM);

        given().when().get(SUBSCRIPTION_POLICY, sub).then().header("ETag", "\"0\"");
        given().when().get(GROUP_POLICY, sub, GROUP).then().header("ETag", "\"0\"");
        given().when().get(HISTORY, sub).then().body("value", hasSize(0));
    }

    @Test
    void aStarMatchesAScopeThatExists() {
        String sub = newSubscription();
        putSubscription(sub, Map.of("dataCollection", "On")).then().statusCode(200);
        putGroup(sub, GROUP, DISK_ENCRYPTION_OFF).then().statusCode(200);

        writeSubscription(sub, "*", STANDARD)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("pricingTier", equalTo("Standard"));
        writeGroup(sub, "*", STANDARD).then().statusCode(200).header("ETag", "\"2\"");
        delete(sub, "*").then().statusCode(204);

        given().when().get(GROUP_POLICY, sub, GROUP).then().header("ETag", "\"3\"");
    }

    @Test
    void aListOfETagsMatchesWhenOneOfThemIsCurrent() {
        String sub = newSubscription();
        putSubscription(sub, STANDARD).then().statusCode(200);

        writeSubscription(sub, "\"5\", \"1\"", Map.of("dataCollection", "On"))
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        writeSubscription(sub, "\"5\", \"1\"", STANDARD).then().statusCode(412);
    }

    private static Response delete(String sub, String ifMatch) {
        return given().header("If-Match", ifMatch).when().delete(GROUP_POLICY, sub, GROUP);
    }

    private static Response writeSubscription(String sub, String ifMatch, Object body) {
        return given().contentType(ContentType.JSON)
                .header("If-Match", ifMatch)
                .body(body)
                .when()
                .put(SUBSCRIPTION_POLICY, sub);
    }

    private static Response writeGroup(String sub, String ifMatch, Object body) {
        return given().contentType(ContentType.JSON)
                .header("If-Match", ifMatch)
                .body(body)
                .when()
                .put(GROUP_POLICY, sub, GROUP);
    }

    /** The versions announced to recommendation-service for the subscription, once {@code count} have arrived. */
    private static List<Integer> announcedVersions(String sub, int count) {
        List<Message> received = await().atMost(DELIVERY_BOUND)
                .until(() -> MessageSink.received("recommendation", sub), messages -> messages.size() >= count);
        return received.stream().map(m -> m.payload().get("version").asInt()).toList();
    }
}
