package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.report;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.problem.Problem;
import io.vigil.common.security.Headers;
import io.vigil.recommendation.model.RecommendationIds;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read and change recommendations, and who may deliver the messages they are raised from. */
@QuarkusTest
class RecommendationAccessTest {

    private static final String LIST = "/api/v1/subscriptions/{sub}/recommendations";
    private static final String ONE = LIST + "/{id}";
    private static final String ACCEPTED_RISK = "{\"reason\": \"Accepted risk until the migration\"}";

    @Inject
    ObjectMapper json;

    private TestMessages messages;
    private String subscriptionA;
    private String subscriptionB;
    private MachineRef web01;
    private UUID diskEncryption;

    @BeforeEach
    void anUnencryptedMachineInSubscriptionA() {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        subscriptionA = "sub-" + UUID.randomUUID();
        subscriptionB = "sub-" + UUID.randomUUID();
        web01 = new MachineRef(subscriptionA, "Web-RG", "web01");
        diskEncryption = RecommendationIds.of(web01.resourceId(), RecommendationType.ApplyDiskEncryption);
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void refusesMessagesWithoutTheCollectorsCredentialAndStoresNothing() {
        String batch = messages.batch(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED)));
        Callers.everyRequestAnonymous();

        postMessages(given(), batch).statusCode(401).contentType(Problem.MEDIA_TYPE);
        postMessages(given().header(Headers.SERVICE_CREDENTIAL, Callers.COLLECTOR_WITH_WRONG_TOKEN), batch)
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        postMessages(given().header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.admin("*"))), batch)
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);

        as(TestTokens.admin(subscriptionA))
                .get(LIST, subscriptionA)
                .then()
                .statusCode(200)
                .body("value", empty());
        // The refused ids were not taken into the inbox: the same batch is processed when the collector sends it.
        postMessages(given().header(Headers.SERVICE_CREDENTIAL, Callers.COLLECTOR_CREDENTIAL), batch)
                .statusCode(204);
        as(TestTokens.admin(subscriptionA))
                .get(ONE, subscriptionA, diskEncryption)
                .then()
                .statusCode(200)
                .body("state", equalTo("Active"));
    }

    @Test
    void letsAReaderListAndReadButNotDismissOrActivate() {
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED)));
        String reader = TestTokens.reader(subscriptionA);
        Callers.everyRequestAnonymous();

        as(reader).get(LIST, subscriptionA).then().statusCode(200).body("value.id", hasItem(diskEncryption.toString()));
        as(reader).get(ONE, subscriptionA, diskEncryption).then().statusCode(200);
        as(reader)
                .contentType(ContentType.JSON)
                .body(ACCEPTED_RISK)
                .post(ONE + "/dismiss", subscriptionA, diskEncryption)
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        as(reader)
                .post(ONE + "/activate", subscriptionA, diskEncryption)
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);

        as(reader).get(ONE, subscriptionA, diskEncryption).then().body("state", equalTo("Active"));
    }

    @Test
    void answersNotFoundForARecommendationOfAnotherSubscriptionAskedForUnderAGrantedOne() {
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.reported(web01, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED)));
        String adminOfB = TestTokens.admin(subscriptionB);
        Callers.everyRequestAnonymous();

        as(adminOfB)
                .get(ONE, subscriptionB, diskEncryption)
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/not-found"));
        as(adminOfB)
                .contentType(ContentType.JSON)
                .body(ACCEPTED_RISK)
                .post(ONE + "/dismiss", subscriptionB, diskEncryption)
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        as(adminOfB).get(LIST, subscriptionB).then().statusCode(200).body("value", empty());

        as(TestTokens.admin(subscriptionA))
                .get(ONE, subscriptionA, diskEncryption)
                .then()
                .statusCode(200)
                .body("state", equalTo("Active"));
    }

    @Test
    void refusesACallerGrantedOnlyAnotherSubscription() {
        MachineRef inB = new MachineRef(subscriptionB, "Web-RG", "web01");
        messages.deliver(
                messages.registered(inB, "Linux"),
                messages.reported(inB, "Linux", report(MONDAY, null, ROOT_UNENCRYPTED)));
        UUID ofB = RecommendationIds.of(inB.resourceId(), RecommendationType.ApplyDiskEncryption);
        Callers.everyRequestAnonymous();

        as(TestTokens.reader(subscriptionA))
                .get(LIST, subscriptionB)
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        as(TestTokens.admin(subscriptionA))
                .contentType(ContentType.JSON)
                .body(ACCEPTED_RISK)
                .post(ONE + "/dismiss", subscriptionB, ofB)
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);

        as(TestTokens.reader(subscriptionB))
                .get(ONE, subscriptionB, ofB)
                .then()
                .statusCode(200)
                .body("state", equalTo("Active"));
    }

    private static RequestSpecification as(String token) {
        return given().header(Callers.AUTHORIZATION, Callers.bearer(token)).when();
    }

    private static ValidatableResponse postMessages(RequestSpecification request, String batch) {
        return request.contentType(ContentType.JSON)
                .body(batch)
                .when()
                .post("/internal/messages")
                .then();
    }
}
