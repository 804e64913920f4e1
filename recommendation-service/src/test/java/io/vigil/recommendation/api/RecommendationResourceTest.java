package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.CLEAN_SCAN;
import static io.vigil.recommendation.TestData.KERNEL_CRITICAL_UPDATE;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.report;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.problem.Problem;
import io.vigil.common.state.StateReport;
import io.vigil.recommendation.model.RecommendationIds;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecommendationResourceTest {

    private static final String LIST = "/api/v1/subscriptions/{sub}/recommendations";
    private static final String ONE = LIST + "/{id}";
    private static final String MALFORMED_DISMISSAL = "{\"reason\": ";
    private static final String ACCEPTED_RISK = "{\"reason\": \"Accepted risk until the migration\"}";
    /** PostgreSQL text cannot hold U+0000, so a reason with one must be refused before it reaches the database. */
    private static final String NUL_IN_THE_REASON = "{\"reason\": \"Accepted\\u0000risk\"}";

    private static final String DISMISSAL_IN_THE_PAST =
            "{\"reason\": \"Accepted risk\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}";
    private static final String DISMISSAL_PAST_YEAR_9999 =
            "{\"reason\": \"Accepted risk\", \"expiresAt\": \"+999999999-12-31T23:59:59Z\"}";
    private static final String DISMISSAL_WITH_NUL = "{\"reason\": \"Accepted\\u0000risk\"}";
    private static final String DISMISSAL_REASON_AS_LIST = "{\"reason\": [\"Accepted risk\"]}";
    private static final StateReport.EndpointProtection NO_ANTIMALWARE =
            new StateReport.EndpointProtection(false, null, null, null);

    @Inject
    ObjectMapper json;

    private String subscription;
    private MachineRef web01;
    private MachineRef dc01;

    /**
     * Two machines with four problems: web01 (Linux, Web-RG) misses a Security update (Medium) and has an unencrypted
     * volume (High); dc01 (Windows, Dc-RG) misses a Critical update (High) and has no antimalware (High).
     */
    @BeforeEach
    void twoMachinesWithProblems() {
        Callers.everyRequestAsAdmin();
        TestMessages messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
        web01 = new MachineRef(subscription, "Web-RG", "web01");
        dc01 = new MachineRef(subscription, "Dc-RG", "DC01");
        StateReport windowsReport = new StateReport(
                MONDAY,
                new StateReport.Updates(List.of(KERNEL_CRITICAL_UPDATE), false),
                NO_ANTIMALWARE,
                null,
                null,
                CLEAN_SCAN);
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, ONE_SECURITY_UPDATE_MISSING, ROOT_UNENCRYPTED)),
                messages.registered(dc01, "Windows"),
                messages.reported(dc01, "Windows", windowsReport));
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void listsEveryRecommendationOfTheSubscription() {
        given().when()
                .get(LIST, subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(4))
                .body("value.state", everyItem(equalTo("Active")))
                .body("value.remediationSteps", everyItem(notNullValue()))
                .body("nextLink", nullValue());
    }

    @Test
    void filtersByStateSeverityAndType() {
        list("severity", "High").body("value", hasSize(3));
        list("severity", "Medium").body("value.type", contains("ApplySystemUpdates"));
        list("type", "ApplySystemUpdates")
                .body("value.resourceId", containsInAnyOrder(web01.resourceId(), dc01.resourceId()));
        list("state", "Resolved").body("value", hasSize(0));
        list("state", "Active").body("value", hasSize(4));
    }

    @Test
    void combinesFilters() {
        list("state", "Active", "type", "ApplySystemUpdates", "resourceGroup", "DC-RG")
                .body("value.resourceId", contains(dc01.resourceId()));
        list("state", "Active", "severity", "High", "machine", "web01")
                .body("value.type", contains("ApplyDiskEncryption"));
        list("state", "Active", "severity", "Medium", "resourceGroup", "dc-rg").body("value", hasSize(0));
        list("state", "Dismissed", "type", "ApplySystemUpdates").body("value", hasSize(0));
        list("severity", "High", "type", "InstallEndpointProtection", "resourceGroup", "dc-rg", "machine", "dc01")
                .body("value", hasSize(1));
    }

    @Test
    void filtersByResourceGroupAndMachineWhateverTheirCase() {
        list("resourceGroup", "dc-rg")
                .body("value.type", containsInAnyOrder("ApplySystemUpdates", "InstallEndpointProtection"));
        list("machine", "WEB01").body("value.type", containsInAnyOrder("ApplySystemUpdates", "ApplyDiskEncryption"));
        list("machine", "web02").body("value", hasSize(0));
    }

    @Test
    void pagesThroughTheListWithNextLink() {
        List<String> seen = new ArrayList<>();
        JsonPath page = given().queryParam("limit", 1)
                .when()
                .get(LIST, subscription)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        seen.addAll(page.getList("value.id"));
        while (page.getString("nextLink") != null) {
            page = given().when()
                    .get(page.getString("nextLink"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("value.id"));
        }

        List<String> all = given().when()
                .get(LIST, subscription)
                .then()
                .extract()
                .jsonPath()
                .getList("value.id");
        assertEquals(all, seen);
        assertEquals(4, seen.size());
        assertEquals(4, seen.stream().distinct().count());
    }

    @Test
    void keepsFiltersOnTheNextPage() {
        String next = list("severity", "High", "limit", "2")
                .body("value", hasSize(2))
                .extract()
                .jsonPath()
                .getString("nextLink");

        JsonPath last =
                given().when().get(next).then().statusCode(200).extract().jsonPath();

        assertEquals(List.of("High"), last.getList("value.severity"));
        assertNull(last.getString("nextLink"));
    }

    @Test
    void getsOneRecommendationWithItsDetailsAndSteps() {
        UUID id = RecommendationIds.of(web01.resourceId(), RecommendationType.ApplyDiskEncryption);

        given().when()
                .get(ONE, subscription, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("type", equalTo("ApplyDiskEncryption"))
                .body("displayName", equalTo("Apply disk encryption on your virtual machines"))
                .body("severity", equalTo("High"))
                .body("state", equalTo("Active"))
                .body("resourceId", equalTo(web01.resourceId()))
                .body("firstSeen", notNullValue())
                .body("stateChangedAt", notNullValue())
                .body("details.volumes[0].kind", equalTo("Os"))
                .body(
                        "remediationSteps.size()",
                        equalTo(RecommendationType.ApplyDiskEncryption.remediationSteps()
                                .size()));
    }

    @Test
    void answersNotFoundForAnUnknownIdOrAnotherSubscriptionsRecommendation() {
        UUID id = RecommendationIds.of(web01.resourceId(), RecommendationType.ApplyDiskEncryption);

        given().when()
                .get(ONE, subscription, UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/not-found"));
        given().when().get(ONE, "sub-other", id).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void dismissesAndActivatesARecommendation() {
        UUID id = RecommendationIds.of(dc01.resourceId(), RecommendationType.InstallEndpointProtection);

        given().contentType(ContentType.JSON)
                .body(ACCEPTED_RISK)
                .when()
                .post(ONE + "/dismiss", subscription, id)
                .then()
                .statusCode(200)
                .body("state", equalTo("Dismissed"))
                .body("dismissal.reason", equalTo("Accepted risk until the migration"));
        TestMessages messages = new TestMessages(json);
        messages.deliver(
                messages.reported(dc01, "Windows", new StateReport(TUESDAY, null, NO_ANTIMALWARE, null, null, null)));
        given().when().get(ONE, subscription, id).then().body("state", equalTo("Dismissed"));

        given().when()
                .post(ONE + "/activate", subscription, id)
                .then()
                .statusCode(200)
                .body("state", equalTo("Active"))
                .body("dismissal", nullValue());
    }

    @Test
    void refusesADismissalThatExpiredAlreadyOrHasNoReasonOrABadOne() {
        UUID id = RecommendationIds.of(dc01.resourceId(), RecommendationType.InstallEndpointProtection);

        dismiss(id, DISMISSAL_IN_THE_PAST).statusCode(400).contentType(Problem.MEDIA_TYPE);
        dismiss(id, "{}").statusCode(400).contentType(Problem.MEDIA_TYPE);
        dismiss(id, NUL_IN_THE_REASON)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("reason"));
        dismiss(id, MALFORMED_DISMISSAL)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/malformed-body"));
    }

    /** Values the database cannot keep as sent are the caller's mistake: a 400 naming the field, and no dismissal. */
    @Test
    void refusesADismissalTheDatabaseCouldNotKeepAsSent() {
        UUID id = RecommendationIds.of(dc01.resourceId(), RecommendationType.InstallEndpointProtection);

        dismiss(id, DISMISSAL_PAST_YEAR_9999)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("expiresAt"));
        dismiss(id, DISMISSAL_WITH_NUL)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("reason"));
        dismiss(id, DISMISSAL_REASON_AS_LIST)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("reason"));
        given().when().get(ONE, subscription, id).then().statusCode(200).body("state", equalTo("Active"));
    }

    @Test
    void refusesAnUnknownEnumValueInAFilter() {
        list("state", "Open")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors.field", contains("state"));
        list("severity", "Critical").statusCode(400).body("errors.field", contains("severity"));
        list("type", "InstallAntivirus").statusCode(400).body("errors.field", contains("type"));
    }

    @Test
    void refusesAnInvalidSubscriptionId() {
        given().when()
                .get(LIST, "Not_A_Subscription")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("subscriptionId"));
    }

    @Test
    void refusesBadPagingAndNames() {
        list("limit", "0").statusCode(400).body("errors.field", contains("limit"));
        list("limit", "201").statusCode(400).body("errors.field", contains("limit"));
        list("limit", "many").statusCode(400).body("errors.field", contains("limit"));
        list("after", "not-a-uuid").statusCode(400).body("errors.field", contains("after"));
        list("machine", "web 01").statusCode(400).body("errors.field", contains("machine"));
        given().when().get(ONE, subscription, "1-2-3-4-5").then().statusCode(400);
    }

    private ValidatableResponse list(String... query) {
        RequestSpecification request = given();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get(LIST, subscription).then();
    }

    private ValidatableResponse dismiss(UUID id, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(ONE + "/dismiss", subscription, id)
                .then();
    }
}
