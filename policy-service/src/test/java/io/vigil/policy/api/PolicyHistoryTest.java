package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.GROUP_POLICY;
import static io.vigil.policy.support.Scopes.HISTORY;
import static io.vigil.policy.support.Scopes.SUBSCRIPTION_POLICY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static io.vigil.policy.support.Scopes.putGroup;
import static io.vigil.policy.support.Scopes.putSubscription;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.Callers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PolicyHistoryTest {

    private static final String AUTHOR = "tester@vigil.test";
    private static final Map<String, Object> TEN_MINUTES = Map.of("agentSilenceMinutes", 10);
    private static final Map<String, Object> TWENTY_MINUTES =
            Map.of("agentSilenceMinutes", 20, "pricingTier", "Standard");
    private static final Map<String, Object> DISK_ENCRYPTION_OFF =
            Map.of("recommendations", Map.of("diskEncryption", "Off"));
    private static final Map<String, Object> DATA_COLLECTION_ON = Map.of("dataCollection", "On");

    @BeforeEach
    void actAsSecurityAdministrator() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void forgetCredentials() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void pagesThroughEveryChangeNewestFirstWithValuesBeforeAndAfter() {
        String sub = newSubscription();
        makeFiveChanges(sub);

        List<Map<String, Object>> changes = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        JsonPath page = given().queryParam("limit", 2)
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
            page = given().when().get(next).then().statusCode(200).extract().jsonPath();
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
        changes.forEach(change -> {
            assertEquals(AUTHOR, change.get("changedBy"));
            assertNotNull(change.get("changedAt"));
        });

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

        given().queryParam("resourceGroup", "WEB")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(200)
                .body("value", hasSize(2))
                .body("value.resourceGroup", everyItem(equalTo("Web")))
                .body("value.version", contains(2, 1))
                .body("value[0].after", nullValue())
                .body("nextLink", nullValue());
    }

    @Test
    void filteredPagesLinkToTheNextPageOfTheSameGroup() {
        String sub = newSubscription();
        makeFiveChanges(sub);

        String next = given().queryParam("resourceGroup", "Web")
                .queryParam("limit", 1)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(200)
                .body("value.version", contains(2))
                .body("nextLink", notNullValue())
                .extract()
                .path("nextLink");

        given().when()
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
        putSubscription(sub, TEN_MINUTES).then().statusCode(200);
        given().contentType("application/json")
                .header("If-Match", "\"7\"")
                .body(TWENTY_MINUTES)
                .when()
                .put(SUBSCRIPTION_POLICY, sub)
                .then()
                .statusCode(412);
        putSubscription(sub, Map.of("agentSilenceMinutes", 0)).then().statusCode(400);
        given().when().delete(GROUP_POLICY, sub, "Never-Set").then().statusCode(204);

        given().when().get(HISTORY, sub).then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void refusesBadPagingAndFilterValues() {
        String sub = newSubscription();

        given().queryParam("limit", 0)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("before", -3)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("before"));
        given().queryParam("limit", "ten")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("before", "99999999999999999999")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("before"));
        given().queryParam("resourceGroup", "ends-with-dot.")
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("resourceGroup"));
    }

    /** Subscription set twice, group Web set, group Other set, group Web removed: five changes, oldest first. */
    private static void makeFiveChanges(String sub) {
        putSubscription(sub, TEN_MINUTES).then().statusCode(200);
        putSubscription(sub, TWENTY_MINUTES).then().statusCode(200);
        putGroup(sub, "Web", DISK_ENCRYPTION_OFF).then().statusCode(200);
        putGroup(sub, "Other", DATA_COLLECTION_ON).then().statusCode(200);
        given().when().delete(GROUP_POLICY, sub, "Web").then().statusCode(204);
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
