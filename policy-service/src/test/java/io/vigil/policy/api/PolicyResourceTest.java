package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PolicyResourceTest {

    @BeforeEach
    void actAsSecurityAdministrator() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void forgetCredentials() {
        Callers.everyRequestAnonymous();
    }

    private static final String STANDARD_ON = """
            {"dataCollection": "On", "pricingTier": "Standard",
             "securityContact": {"emails": ["secops@example.com"], "notifyOnHighSeverityAlerts": true}}
            """;
    private static final String DISK_ENCRYPTION_OFF = """
            {"recommendations": {"diskEncryption": "Off"}, "agentSilenceMinutes": 5}
            """;

    @Test
    void answersDefaultsForASubscriptionNeverConfigured() {
        given().when()
                .get("/api/v1/subscriptions/{sub}/policy", newSubscription())
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("dataCollection", equalTo("Off"))
                .body("pricingTier", equalTo("Free"))
                .body("recommendations.diskEncryption", equalTo("On"))
                .body("agentSilenceMinutes", equalTo(15));
    }

    @Test
    void effectivePolicyOfAScopeNeverConfiguredIsTheDefaultsEverywhere() {
        String sub = newSubscription();

        given().when()
                .get("/api/v1/subscriptions/{sub}/resourceGroups/{rg}/effectivePolicy", sub, "Never-Set")
                .then()
                .statusCode(200)
                .body("subscriptionId", equalTo(sub))
                .body("resourceGroup", equalTo("Never-Set"))
                .body("dataCollection", equalTo("Off"))
                .body("pricingTier", equalTo("Free"))
                .body("recommendations.size()", equalTo(5))
                .body("recommendations.values()", everyItem(equalTo("On")))
                .body("securityContact.emails", empty())
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(false))
                .body("agentSilenceMinutes", equalTo(15))
                .body("inheritedFrom.dataCollection", equalTo("default"))
                .body("inheritedFrom.pricingTier", equalTo("default"))
                .body("inheritedFrom.recommendations.size()", equalTo(5))
                .body("inheritedFrom.recommendations.values()", everyItem(equalTo("default")))
                .body("inheritedFrom.securityContact.emails", equalTo("default"))
                .body("inheritedFrom.securityContact.notifyOnHighSeverityAlerts", equalTo("default"))
                .body("inheritedFrom.agentSilenceMinutes", equalTo("default"));
    }

    @Test
    void effectivePolicyMergesResourceGroupOverSubscription() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/policy", STANDARD_ON, sub).then().statusCode(200);
        put("/api/v1/subscriptions/{sub}/resourceGroups/Web-RG/policy", DISK_ENCRYPTION_OFF, sub)
                .then()
                .statusCode(200);

        given().when()
                .get("/api/v1/subscriptions/{sub}/resourceGroups/web-rg/effectivePolicy", sub)
                .then()
                .statusCode(200)
                .body("dataCollection", equalTo("On"))
                .body("pricingTier", equalTo("Standard"))
                .body("recommendations.diskEncryption", equalTo("Off"))
                .body("recommendations.systemUpdates", equalTo("On"))
                .body("agentSilenceMinutes", equalTo(5))
                .body("securityContact.emails[0]", equalTo("secops@example.com"))
                .body("inheritedFrom.dataCollection", equalTo("subscription"))
                .body("inheritedFrom.recommendations.diskEncryption", equalTo("resourceGroup"))
                .body("inheritedFrom.recommendations.systemUpdates", equalTo("default"))
                .body("inheritedFrom.agentSilenceMinutes", equalTo("resourceGroup"));
    }

    @Test
    void resourceGroupPolicyKeepsOnlyItsOverrides() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/resourceGroups/Web-RG/policy", DISK_ENCRYPTION_OFF, sub)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");

        given().when()
                .get("/api/v1/subscriptions/{sub}/resourceGroups/WEB-rg/policy", sub)
                .then()
                .statusCode(200)
                .body("recommendations.diskEncryption", equalTo("Off"))
                .body("dataCollection", equalTo(null))
                .body("pricingTier", equalTo(null));
    }

    @Test
    void deletingResourceGroupPolicyMakesItInheritAgain() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/resourceGroups/Web-RG/policy", DISK_ENCRYPTION_OFF, sub)
                .then()
                .statusCode(200);

        given().when()
                .delete("/api/v1/subscriptions/{sub}/resourceGroups/Web-RG/policy", sub)
                .then()
                .statusCode(204);
        given().when()
                .get("/api/v1/subscriptions/{sub}/resourceGroups/Web-RG/effectivePolicy", sub)
                .then()
                .body("recommendations.diskEncryption", equalTo("On"))
                .body("inheritedFrom.recommendations.diskEncryption", equalTo("default"));
    }

    @Test
    void staleIfMatchIsRefusedAndChangesNothing() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/policy", STANDARD_ON, sub).then().header("ETag", "\"1\"");
        put("/api/v1/subscriptions/{sub}/policy", STANDARD_ON, sub).then().header("ETag", "\"2\"");

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"dataCollection\": \"Off\"}")
                .when()
                .put("/api/v1/subscriptions/{sub}/policy", sub)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/precondition-failed"));
        given().when()
                .get("/api/v1/subscriptions/{sub}/policy", sub)
                .then()
                .header("ETag", "\"2\"")
                .body("dataCollection", equalTo("On"));
    }

    @Test
    void matchingIfMatchIsAccepted() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/policy", STANDARD_ON, sub).then().statusCode(200);

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"dataCollection\": \"Off\"}")
                .when()
                .put("/api/v1/subscriptions/{sub}/policy", sub)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("dataCollection", equalTo("Off"))
                .body("pricingTier", equalTo("Free"));
    }

    @Test
    void historyListsChangesNewestFirstWithPaging() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/policy", STANDARD_ON, sub).then().statusCode(200);
        put("/api/v1/subscriptions/{sub}/resourceGroups/Web/policy", DISK_ENCRYPTION_OFF, sub)
                .then()
                .statusCode(200);

        String next = given().when()
                .get("/api/v1/subscriptions/{sub}/policy/history?limit=1", sub)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].resourceGroup", equalTo("Web"))
                .body("value[0].before", equalTo(null))
                .body("value[0].after.recommendations.diskEncryption", equalTo("Off"))
                .body("value[0].changedBy", equalTo("tester@vigil.test"))
                .body("nextLink", notNullValue())
                .extract()
                .path("nextLink");

        given().when()
                .get(next)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].resourceGroup", equalTo(null))
                .body("value[0].after.pricingTier", equalTo("Standard"));
    }

    @Test
    void readerReadsButCannotChangePolicy() {
        String sub = newSubscription();
        Callers.everyRequestAnonymous();
        String reader = TestTokens.bearer(TestTokens.reader(sub));

        given().header("Authorization", reader)
                .when()
                .get("/api/v1/subscriptions/{sub}/policy", sub)
                .then()
                .statusCode(200);
        given().header("Authorization", reader)
                .contentType(ContentType.JSON)
                .body(STANDARD_ON)
                .when()
                .put("/api/v1/subscriptions/{sub}/policy", sub)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void callerGrantedOneSubscriptionCannotTouchAnother() {
        String mine = newSubscription();
        String theirs = newSubscription();
        Callers.everyRequestAnonymous();
        String admin = TestTokens.bearer(TestTokens.admin(mine));

        given().header("Authorization", admin)
                .when()
                .get("/api/v1/subscriptions/{sub}/resourceGroups/rg/effectivePolicy", theirs)
                .then()
                .statusCode(403);
        given().header("Authorization", admin)
                .contentType(ContentType.JSON)
                .body(STANDARD_ON)
                .when()
                .put("/api/v1/subscriptions/{sub}/policy", theirs)
                .then()
                .statusCode(403);
    }

    @Test
    void otherServicesReadTheEffectivePolicyWithTheirOwnCredentials() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/policy", STANDARD_ON, sub).then().statusCode(200);
        Callers.everyRequestAnonymous();

        given().header("X-Vigil-Service-Credential", "collector:test-collector-token")
                .when()
                .get("/internal/subscriptions/{sub}/resourceGroups/any/effectivePolicy", sub)
                .then()
                .statusCode(200)
                .body("pricingTier", equalTo("Standard"));
        given().header("X-Vigil-Service-Credential", "collector:wrong")
                .when()
                .get("/internal/subscriptions/{sub}/resourceGroups/any/effectivePolicy", sub)
                .then()
                .statusCode(403);
    }

    @Test
    void refusesMalformedJson() {
        put("/api/v1/subscriptions/{sub}/policy", "{\"dataCollection\": ", newSubscription())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-body"));
    }

    @Test
    void refusesUnknownEnumValueNamingTheField() {
        put("/api/v1/subscriptions/{sub}/policy", "{\"pricingTier\": \"Gold\"}", newSubscription())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("pricingTier"));
    }

    @Test
    void refusesUnknownFieldsOutOfRangeNumbersAndBadEmails() {
        String sub = newSubscription();
        put("/api/v1/subscriptions/{sub}/policy", "{\"colour\": \"blue\"}", sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        put("/api/v1/subscriptions/{sub}/policy", "{\"agentSilenceMinutes\": 1441}", sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("agentSilenceMinutes"));
        put("/api/v1/subscriptions/{sub}/policy", "{\"securityContact\": {\"emails\": [\"not-an-address\"]}}", sub)
                .then()
                .statusCode(400)
                .body("errors[0].field", startsWith("securityContact.emails"));
    }

    @Test
    void refusesInvalidSubscriptionAndResourceGroupNames() {
        given().when()
                .get("/api/v1/subscriptions/{sub}/policy", "Not_Valid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("subscriptionId"));
        given().when()
                .get("/api/v1/subscriptions/sub-1/resourceGroups/{rg}/effectivePolicy", "ends-with-dot.")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("resourceGroup"));
    }

    @Test
    void refusesBodiesPastTheSizeLimit() {
        String oversized = "{\"securityContact\": {\"emails\": [\"" + "a".repeat(70_000) + "@example.com\"]}}";

        put("/api/v1/subscriptions/{sub}/policy", oversized, newSubscription())
                .then()
                .statusCode(413);
    }

    @Test
    void refusesMissingBody() {
        given().contentType(ContentType.JSON)
                .when()
                .put("/api/v1/subscriptions/{sub}/policy", newSubscription())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.Response put(String path, String body, Object... params) {
        return given().contentType(ContentType.JSON).body(body).when().put(path, params);
    }

    private static String newSubscription() {
        return "sub-" + UUID.randomUUID();
    }
}
