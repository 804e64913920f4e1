package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.GROUP_POLICY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static io.vigil.policy.support.Scopes.putGroup;
import static io.vigil.policy.support.Scopes.putSubscription;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.policy.support.MessageSink;
import io.vigil.testing.Callers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every change reaches every service that acts on policies, once, in the order it was made. */
@QuarkusTest
class PolicyAnnouncementTest {

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);
    private static final Map<String, Object> STANDARD = Map.of("pricingTier", "Standard");
    private static final Map<String, Object> DISK_ENCRYPTION_OFF =
            Map.of("recommendations", Map.of("diskEncryption", "Off"));

    @BeforeEach
    void actAsSecurityAdministrator() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void forgetCredentials() {
        Callers.everyRequestAnonymous();
    }

    @ParameterizedTest
    @ValueSource(strings = {"recommendation", "collector", "alert"})
    void everyChangeIsAnnouncedOnceToTheDestination(String destination) {
        String sub = newSubscription();
        given().when().delete(GROUP_POLICY, sub, "Web").then().statusCode(204);
        putSubscription(sub, STANDARD).then().statusCode(200);
        putGroup(sub, "Web", DISK_ENCRYPTION_OFF).then().statusCode(200);
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"5\"")
                .body(STANDARD)
                .when()
                .put(GROUP_POLICY, sub, "Web")
                .then()
                .statusCode(412);
        given().when().delete(GROUP_POLICY, sub, "Web").then().statusCode(204);

        List<Message> received = await().atMost(DELIVERY_BOUND)
                .until(() -> MessageSink.received(destination, sub), messages -> messages.size() >= 3);

        assertEquals(3, received.size(), "one message per change, none for refused or empty writes");
        received.forEach(message -> {
            assertEquals(MessageKinds.POLICY_CHANGED, message.kind());
            assertEquals(sub, message.key());
            assertEquals(sub, message.payload().get("subscriptionId").asText());
            assertTrue(message.payload().hasNonNull("changedAt"));
        });
        assertEquals(
                Arrays.asList(null, "Web", "Web"),
                received.stream().map(PolicyAnnouncementTest::resourceGroupOf).toList());
        assertEquals(
                List.of(1, 1, 2),
                received.stream().map(m -> m.payload().get("version").asInt()).toList());
    }

    private static String resourceGroupOf(Message message) {
        var group = message.payload().get("resourceGroup");
        return group == null || group.isNull() ? null : group.asText();
    }
}
