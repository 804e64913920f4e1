package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.GROUP_POLICY;
import static io.vigil.policy.support.Scopes.HISTORY;
import static io.vigil.policy.support.Scopes.SUBSCRIPTION_POLICY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every change is kept with who made it (the token's principal), when, and the values before and after. */
@QuarkusTest
class PolicyHistoryTest {

    private static final String ALICE = "alice@vigil.test";
    private static final String BOB = "bob@vigil.test";
    private static final String CAROL = "carol@vigil.test";
    private static final String DAN = "dan@vigil.test";
    private static final String ERIN = "erin@vigil.test";
    private static final Map<String, Object> TEN_MINUTES = Map.of("agentSilenceMinutes", 10);
    private static final Map<String, Object> TWENTY_MINUTES =
            Map.of("agentSilenceMinutes", 20, "pricingTier", "Standard");
    private static final Map<String, Object> DISK_ENCRYPTION_OFF =
            Map.of("recommendations", Map.of("diskEncryption", "Off"));
    private static final Map<String, Object> DATA_COLLECTION_ON = Map.of("dataCollection", "On");

    @BeforeEach
    void everyCallerNamesThemselves() {
        Callers.everyRequestAnonymous();
    }

    @AfterEach
    void forgetCredentials() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void pagesThroughEveryChangeNewestFirstWithValuesBeforeAndAfter() {
        String sub = newSubscription();
        List<Made> made = makeFiveChanges(sub);

        List<Map<String, Object>> changes = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        JsonPath page = as(DAN).queryParam("limit", 2)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        while (true) {
            changes.addAll(page.getList("value"));
            pageSizes.add(page.getList("value").size());
            String next = page.getString("nextLink");
            if (next == null) {
                break;
            }
            page = as(DAN).when().get(next).then().statusCode(200).extract().jsonPath();
        }

        assertEquals(List.of(2, 2, 1), pageSizes);
        assertEquals(
                Arrays.asList("Web", "Other", "Web", null, null),
                changes.stream().map(c -> (String) c.get("resourceGroup")).toList());
        assertEquals(
                List.of(2, 1, 1, 2, 1),
                changes.stream().map(c -> (Integer) c.get("version")).toList());
        List<Long> ids =
                changes.stream().map(c -> ((Number) c.get("id")).longValue()).toList();
        assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids);
        for (int newest = 0; newest < changes.size(); newest++) {
            Map<String, Object> change = changes.get(newest);
            Made request = made.get(made.size() - 1 - newest);
            Instant changedAt = Instant.parse((String) change.get("changedAt"));
            assertEquals(request.author(), change.get("changedBy"), "author of change " + newest);
            assertTrue(
                    !changedAt.isBefore(request.sent()) && !changedAt.isAfter(request.answered()),
                    changedAt + " lies within its request, " + request.sent() + " to " + request.answered());
        }

        Map<String, Object> removal = changes.get(0);
        assertNull(removal.get("after"));
        assertEquals(Map.of("diskEncryption", "Off"), onlySet(subMap(subMap(removal, "before"), "recommendations")));
        Map<String, Object> secondWrite = changes.get(3);
        assertEquals(10, subMap(secondWrite, "before").get("agentSilenceMinutes"));
        assertEquals(20, subMap(secondWrite, "after").get("agentSilenceMinutes"));
        assertEquals("Standard", subMap(secondWrite, "after").get("pricingTier"));
        Map<String, Object> firstWrite = changes.get(4);
        assertNull(firstWrite.get("before"));
        assertEquals(10, subMap(firstWrite, "after").get("agentSilenceMinutes"));
    }

    @Test
    void filtersOneResourceGroupIgnoringTheCaseOfItsName() {
        String sub = newSubscription();
        makeFiveChanges(sub);

        as(DAN).queryParam("resourceGroup", "WEB")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(200)
                .body("value", hasSize(2))
                .body("value.resourceGroup", everyItem(equalTo("Web")))
                .body("value.version", contains(2, 1))
                .body("value.changedBy", contains(ERIN, CAROL))
                .body("value[0].after", nullValue())
                .body("nextLink", nullValue());
    }

    @Test
    void filteredPagesLinkToTheNextPageOfTheSameGroup() {
        String sub = newSubscription();
        makeFiveChanges(sub);

        String next = as(DAN).queryParam("resourceGroup", "Web")
                .queryParam("limit", 1)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(200)
                .body("value.version", contains(2))
                .body("nextLink", notNullValue())
                .extract()
                .path("nextLink");

        as(DAN).when()
                .get(next)
                .then()
                .statusCode(200)
                .body("value.resourceGroup", contains("Web"))
                .body("value.version", contains(1))
                .body("nextLink", nullValue());
    }

    @Test
    void refusedWritesLeaveNoTrace() {
        String sub = newSubscription();
        put(ALICE, SUBSCRIPTION_POLICY, TEN_MINUTES, sub);
        as(BOB).contentType(ContentType.JSON)
                .header("If-Match", "\"7\"")
                .body(TWENTY_MINUTES)
                .when()
                .put(SUBSCRIPTION_POLICY, sub)
                .then()
                .statusCode(412);
        as(BOB).contentType(ContentType.JSON)
                .body(Map.of("agentSilenceMinutes", 0))
                .when()
                .put(SUBSCRIPTION_POLICY, sub)
                .then()
                .statusCode(400);
        as(BOB).when().delete(GROUP_POLICY, sub, "Never-Set").then().statusCode(204);

        as(BOB).when()
                .get(HISTORY, sub)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].changedBy", equalTo(ALICE));
    }

    @Test
    void refusesBadPagingAndFilterValues() {
        String sub = newSubscription();

        as(DAN).queryParam("limit", 0)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(DAN).queryParam("before", -3)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("before"));
        as(DAN).queryParam("limit", "ten")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        as(DAN).queryParam("before", "99999999999999999999")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("before"));
        as(DAN).queryParam("resourceGroup", "ends-with-dot.")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("resourceGroup"));
    }

    /**
     * Subscription set twice, group Web set, group Other set, group Web removed: five changes, oldest first, each made
     * by someone else.
     */
    private static List<Made> makeFiveChanges(String sub) {
        return List.of(
                timed(ALICE, () -> put(ALICE, SUBSCRIPTION_POLICY, TEN_MINUTES, sub)),
                timed(BOB, () -> put(BOB, SUBSCRIPTION_POLICY, TWENTY_MINUTES, sub)),
                timed(CAROL, () -> put(CAROL, GROUP_POLICY, DISK_ENCRYPTION_OFF, sub, "Web")),
                timed(DAN, () -> put(DAN, GROUP_POLICY, DATA_COLLECTION_ON, sub, "Other")),
                timed(
                        ERIN,
                        () -> as(ERIN).when()
                                .delete(GROUP_POLICY, sub, "Web")
                                .then()
                                .statusCode(204)));
    }

    /** A request by {@code author}, with the time it was sent and the time its answer came. */
    private static Made timed(String author, Runnable request) {
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MICROS);
        request.run();
        return new Made(author, sent, Instant.now());
    }

    private record Made(String author, Instant sent, Instant answered) {}

    private static void put(String author, String path, Map<String, Object> body, Object... scope) {
        as(author)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(path, scope)
                .then()
                .statusCode(200);
    }

    /** A SecurityAdmin of every subscription whose token names {@code person}. */
    private static RequestSpecification as(String person) {
        return given().header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.adminNamed(person, "*")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subMap(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    /** The switches a scope set, without the ones it left empty. */
    private static Map<String, Object> onlySet(Map<String, Object> switches) {
        Map<String, Object> set = new HashMap<>();
        switches.forEach((name, value) -> {
            if (value != null) {
                set.put(name, value);
            }
        });
        return set;
    }
}
