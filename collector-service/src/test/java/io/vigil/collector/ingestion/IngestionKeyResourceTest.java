package io.vigil.collector.ingestion;

import static io.vigil.testing.Callers.asAdmin;
import static io.vigil.testing.Callers.asAgent;
import static io.vigil.testing.Callers.asReader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IngestionKeyResourceTest {

    private static final String KEYS = "/api/v1/subscriptions/{sub}/ingestionKeys";
    private static final String ROTATE = KEYS + "/{keyId}/rotate";
    private static final String HEARTBEAT = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}/heartbeat";
    private static final String KEY_PATTERN = "vik_[0-9a-f]{16}_[A-Za-z0-9_-]{43}";
    private static final Duration CONFIGURED_GRACE = Duration.ofHours(24);
    /** The test profile trusts a key read from the database for one second. */
    private static final Duration CACHE_BOUND = Duration.ofSeconds(10);

    @Inject
    TestDatabase database;

    @BeforeEach
    void anonymous() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void createsAKeyShownOnceAndListsItWithoutItsSecret() {
        String sub = TestData.newSubscription();

        JsonPath created = create(sub);

        String id = created.getString("id");
        String key = created.getString("key");
        assertTrue(id.matches("[0-9a-f]{16}"), id);
        assertTrue(key.matches(KEY_PATTERN) && key.startsWith("vik_" + id + "_"), key);
        String secret = key.substring(("vik_" + id + "_").length());
        assertEquals(
                1,
                database.count(
                        "select count(*) from collector.ingestion_key where id = $1 and subscription_id = $2"
                                + " and secret_hash = $3",
                        id,
                        sub,
                        IngestionKeyFormat.hash(secret)));
        asAdmin(sub)
                .when()
                .get(KEYS, sub)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].id", equalTo(id))
                .body("value[0].createdAt", equalTo(created.getString("createdAt")))
                .body("value[0].expiresAt", nullValue())
                .body("value[0]", not(hasKey("key")))
                .body("value[0]", not(hasKey("secretHash")));
    }

    @Test
    void rotatedKeyKeepsWorkingForTheGracePeriodBesideItsSuccessor() {
        String sub = TestData.newSubscription();
        JsonPath old = create(sub);
        Instant rotatedAround = Instant.now();

        JsonPath successor = asAdmin(sub)
                .when()
                .post(ROTATE, sub, old.getString("id"))
                .then()
                .statusCode(201)
                .body("key", matchesPattern(KEY_PATTERN))
                .body("createdAt", notNullValue())
                .extract()
                .jsonPath();

        assertNotEquals(old.getString("id"), successor.getString("id"));
        JsonPath listed = asAdmin(sub)
                .when()
                .get(KEYS, sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, listed.getList("value").size());
        Instant expiresAt =
                Instant.parse(listed.getString("value.find { it.id == '" + old.getString("id") + "' }.expiresAt"));
        Duration grace = Duration.between(rotatedAround, expiresAt);
        assertTrue(
                grace.compareTo(CONFIGURED_GRACE.minusMinutes(1)) > 0
                        && grace.compareTo(CONFIGURED_GRACE.plusMinutes(1)) < 0,
                "old key expires at " + expiresAt);
        assertEquals(null, listed.getString("value.find { it.id == '" + successor.getString("id") + "' }.expiresAt"));
        asAgent(old.getString("key"))
                .when()
                .post(HEARTBEAT, sub, "web", "web-01")
                .then()
                .statusCode(204);
        asAgent(successor.getString("key"))
                .when()
                .post(HEARTBEAT, sub, "web", "web-01")
                .then()
                .statusCode(204);
    }

    @Test
    void refusesAKeyWhoseGracePeriodIsOver() {
        String sub = TestData.newSubscription();
        JsonPath old = create(sub);
        asAgent(old.getString("key"))
                .when()
                .post(HEARTBEAT, sub, "web", "web-01")
                .then()
                .statusCode(204);
        JsonPath successor = asAdmin(sub)
                .when()
                .post(ROTATE, sub, old.getString("id"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        database.update(
                "update collector.ingestion_key set expires_at = now() - interval '1 second' where id = $1",
                old.getString("id"));

        await().atMost(CACHE_BOUND)
                .until(() -> asAgent(old.getString("key"))
                                .when()
                                .post(HEARTBEAT, sub, "web", "web-01")
                                .statusCode()
                        == 401);
        asAgent(old.getString("key"))
                .when()
                .post(HEARTBEAT, sub, "web", "web-01")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        asAgent(successor.getString("key"))
                .when()
                .post(HEARTBEAT, sub, "web", "web-01")
                .then()
                .statusCode(204);
    }

    @Test
    void refusesToRotateAKeyTwice() {
        String sub = TestData.newSubscription();
        String id = create(sub).getString("id");
        asAdmin(sub).when().post(ROTATE, sub, id).then().statusCode(201);

        asAdmin(sub)
                .when()
                .post(ROTATE, sub, id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/key-already-rotated"));
    }

    @Test
    void rotatesOnlyKeysOfThePathsSubscription() {
        String sub = TestData.newSubscription();
        String other = TestData.newSubscription();
        String id = create(other).getString("id");

        asAdmin("*").when().post(ROTATE, sub, id).then().statusCode(404).contentType("application/problem+json");
        asAdmin("*").when().post(ROTATE, sub, "00000000000000ff").then().statusCode(404);
    }

    @Test
    void refusesAnInvalidKeyIdOrSubscriptionId() {
        asAdmin("*")
                .when()
                .post(ROTATE, TestData.newSubscription(), "not-a-key-id")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("keyId"));
        asAdmin("*")
                .when()
                .post(KEYS, "Not_A_Subscription!")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("subscriptionId"));
    }

    @Test
    void readerCannotCreateListOrRotateKeys() {
        String sub = TestData.newSubscription();
        String id = create(sub).getString("id");

        asReader(sub).when().post(KEYS, sub).then().statusCode(403).contentType("application/problem+json");
        asReader(sub).when().get(KEYS, sub).then().statusCode(403);
        asReader(sub).when().post(ROTATE, sub, id).then().statusCode(403);
        assertEquals(1, database.count("select count(*) from collector.ingestion_key where subscription_id = $1", sub));
    }

    @Test
    void adminOfAnotherSubscriptionCannotTouchTheKeys() {
        String sub = TestData.newSubscription();
        String id = create(sub).getString("id");

        asAdmin(TestData.newSubscription()).when().get(KEYS, sub).then().statusCode(403);
        asAdmin(TestData.newSubscription()).when().post(ROTATE, sub, id).then().statusCode(403);
        Callers.asAgent(create(sub).getString("key"))
                .when()
                .post(KEYS, sub)
                .then()
                .statusCode(401);
    }

    private static JsonPath create(String sub) {
        return asAdmin(sub)
                .when()
                .post(KEYS, sub)
                .then()
                .statusCode(201)
                .contentType("application/json")
                .body("createdAt", notNullValue())
                .extract()
                .jsonPath();
    }
}
