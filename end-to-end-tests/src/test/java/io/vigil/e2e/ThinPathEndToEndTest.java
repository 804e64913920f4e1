package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.VigilApi.AUTHORIZATION;
import static io.vigil.e2e.VigilApi.INGESTION_KEY;
import static io.vigil.e2e.VigilApi.activeResources;
import static io.vigil.e2e.VigilApi.alertTypes;
import static io.vigil.e2e.VigilApi.bruteForceCounts;
import static io.vigil.e2e.VigilApi.collector;
import static io.vigil.e2e.VigilApi.configureSubscription;
import static io.vigil.e2e.VigilApi.ingestionKey;
import static io.vigil.e2e.VigilApi.newSubscription;
import static io.vigil.e2e.VigilApi.policy;
import static io.vigil.e2e.VigilApi.postReport;
import static io.vigil.e2e.VigilApi.recommendationState;
import static io.vigil.e2e.VigilApi.registerMachine;
import static io.vigil.e2e.VigilApi.resource;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real input in at the collector; real alerts and recommendations out of the other services. */
class ThinPathEndToEndTest {

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);

    @BeforeAll
    static void startStack() throws IOException, SQLException {
        VigilStack.running();
    }

    @Test
    void authLogOfABruteForcedMachineRaisesOneSshBruteForceAlertPerAttacker() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Standard");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "linux-servers", "host01", "Linux");

        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.TEXT)
                .body(resource("fixtures/linux/auth/secure-rhel7.log"))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/linux-servers/machines/host01/events"), sub)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1000))
                .body("rejected", equalTo(0));

        Map<String, Integer> countsBySource = await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> bruteForceCounts(sub),
                        counts -> counts.values().stream().mapToInt(i -> i).sum() == 352);
        assertEquals(Map.of("203.0.113.10", 213, "203.0.113.20", 61, "203.0.113.30", 78), countsBySource);
        // Its successful logons came from other addresses: nothing else is raised.
        assertEquals(List.of("SshBruteForce", "SshBruteForce", "SshBruteForce"), alertTypes(sub));
    }

    @Test
    void reportWithAMissingSecurityUpdateRaisesApplySystemUpdatesUntilALaterReportShowsItFixed() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "web", "web-01", "Linux");

        postReport(sub, agentKey, "web", "web-01", "reports/missing-security-update.json");
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "ApplySystemUpdates"), "Active"::equals);

        postReport(sub, agentKey, "web", "web-01", "reports/up-to-date.json");
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "ApplySystemUpdates"), "Resolved"::equals);
    }

    @Test
    void dataCollectionOffRefusesEventsButKnowsTheMachineAndRecommendsEnablingIt() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "Off", "Standard");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "dark", "db-01", "Linux");

        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.TEXT)
                .body(resource("fixtures/linux/auth/secure-rhel7.log"))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/dark/machines/db-01/events"), sub)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/data-collection-disabled"));
        given().header(INGESTION_KEY, agentKey)
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/dark/machines/db-01/heartbeat"), sub)
                .then()
                .statusCode(204);

        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "EnableDataCollection"), "Active"::equals);
    }

    @Test
    void policyEditsReEvaluateMachinesWithoutANewReport() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "web", "web-01", "Linux");
        registerMachine(sub, agentKey, "data", "db-01", "Linux");
        postReport(sub, agentKey, "web", "web-01", "reports/unencrypted-data-volume.json");
        postReport(sub, agentKey, "data", "db-01", "reports/unencrypted-data-volume.json");
        String web = "/subscriptions/" + sub + "/resourceGroups/web/machines/web-01";
        String data = "/subscriptions/" + sub + "/resourceGroups/data/machines/db-01";
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> activeResources(sub, "ApplyDiskEncryption"), List.of(data, web)::equals);

        given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .contentType(ContentType.JSON)
                .body(Map.of("recommendations", Map.of("diskEncryption", "Off")))
                .when()
                .put(policy("/api/v1/subscriptions/{sub}/resourceGroups/Web/policy"), sub)
                .then()
                .statusCode(200);
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> activeResources(sub, "ApplyDiskEncryption"), List.of(data)::equals);

        configureSubscription(sub, "Off", "Free");
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> activeResources(sub, "EnableDataCollection"), List.of("/subscriptions/" + sub)::equals);
    }
}
