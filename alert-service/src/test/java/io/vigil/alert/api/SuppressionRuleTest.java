package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.Fixtures;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.machine.MachineRef;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Suppression rules dismiss new matching alerts, say so, never reopen anything, and can be tried first. */
@QuarkusTest
class SuppressionRuleTest extends StandardSubscriptionTest {

    private static final String RULES = "/api/v1/subscriptions/{sub}/alertSuppressionRules";
    private static final String RULE = RULES + "/{name}";
    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final String PROBLEM = "application/problem+json";
    private static final String SCANNER = "203.0.113.200";
    private static final String POWERSHELL = "/events/windows/encoded-powershell.json";
    private static final String CLAMAV = "/events/linux/clamav-found.json";
    private static final Instant RECENT =
            Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

    private MachineRef machine;

    @BeforeEach
    void machine() {
        machine = new MachineRef(subscription, "rg", "bastion-01");
    }

    @Test
    void createsMatchingAlertsDismissedNamingTheRuleAndKeepsTheirRepeatsThere() {
        put("vuln-scanner", rule("SshBruteForce", List.of(Map.of("type", "ip", "address", SCANNER))))
                .statusCode(201)
                .body("createdBy", equalTo("tester@vigil.test"));

        delivery.deliver(delivery.events(machine, Events.failures(SCANNER, 10, RECENT)));
        delivery.deliver(delivery.events(machine, Events.failures(SCANNER, 10, RECENT.plus(Duration.ofHours(1)))));
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.201", 10, RECENT)));

        JsonPath suppressed = alerts("status", "Dismissed");
        assertEquals(1, suppressed.getList("value").size());
        assertEquals("vuln-scanner", suppressed.getString("value[0].suppressionRule"));
        assertEquals(20, suppressed.getInt("value[0].eventCount"));
        given().when()
                .get(ALERTS + "/{id}", subscription, suppressed.getString("value[0].id"))
                .then()
                .body("history[0].to", equalTo("Dismissed"))
                .body("history[0].by", equalTo("suppression rule vuln-scanner"))
                .body("history[0].note", equalTo("Our weekly vulnerability scan"));
        assertEquals(1, alerts("status", "Active").getList("value").size());
    }

    @Test
    void removingARuleReopensNothingAndLaterAlertsAreActiveAgain() {
        put("quiet", rule("SshBruteForce", List.of(Map.of("type", "machine", "name", "BASTION-01"))))
                .statusCode(201);
        delivery.deliver(delivery.events(machine, Events.failures(SCANNER, 10, RECENT)));
        assertEquals(1, alerts("status", "Dismissed").getList("value").size());

        given().when().delete(RULE, subscription, "quiet").then().statusCode(204);
        given().when().get(RULE, subscription, "quiet").then().statusCode(404).contentType(PROBLEM);
        delivery.deliver(delivery.events(machine, Events.failures(SCANNER, 10, RECENT.plus(Duration.ofHours(1)))));

        assertEquals(1, alerts("status", "Dismissed").getList("value").size());
        assertEquals(1, alerts("status", "Active").getList("value").size());
    }

    @Test
    void matchesTheProcessAnAlertNamesByPathOrFileNameAndTheMalwareByName() {
        put("admin-scripts", rule("EncodedPowerShell", List.of(Map.of("type", "process", "name", "PWSH.EXE"))))
                .statusCode(201);
        put(
                        "test-signature",
                        rule("MalwareDetected", List.of(Map.of("type", "malware", "name", "win.test.eicar_hdb-1"))))
                .statusCode(201);
        MachineRef windows = new MachineRef(subscription, "rg", "win-07");

        delivery.deliver(
                delivery.events(windows, Fixtures.events(POWERSHELL)),
                delivery.events(machine, Fixtures.events(CLAMAV)));

        JsonPath powershell = alerts("alertType", "EncodedPowerShell");
        assertEquals(List.of("Dismissed"), powershell.getList("value.status"));
        assertEquals(List.of("admin-scripts"), powershell.getList("value.suppressionRule"));
        JsonPath malware = alerts("alertType", "MalwareDetected");
        assertEquals(
                Map.of("Win.Test.EICAR_HDB-1", "Dismissed", "Unix.Trojan.Mirai-7100807-0", "Active"),
                statusByThreat(malware));
    }

    @Test
    void leavesAnAlertActiveWhenNoProcessOrMalwareItNamesMatches() {
        put("cmd", rule("EncodedPowerShell", List.of(Map.of("type", "process", "name", "cmd.exe"))))
                .statusCode(201);
        put(
                        "another-path",
                        rule("EncodedPowerShell", List.of(Map.of("type", "process", "name", "C:\\Tools\\pwsh.exe"))))
                .statusCode(201);
        put("mirai", rule("MalwareDetected", List.of(Map.of("type", "malware", "name", "Unix.Trojan.Mirai"))))
                .statusCode(201);
        MachineRef windows = new MachineRef(subscription, "rg", "win-07");

        delivery.deliver(
                delivery.events(windows, Fixtures.events(POWERSHELL)),
                delivery.events(machine, Fixtures.events(CLAMAV)));

        assertEquals(3, alerts("status", "Active").getList("value").size());
        assertEquals(0, alerts("status", "Dismissed").getList("value").size());
    }

    @Test
    void simulatesHowManyOfTheLastThirtyDaysAlertsARuleWouldHit() {
        delivery.deliver(delivery.events(machine, Events.failures(SCANNER, 10, RECENT)));
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.9", 10, RECENT)));
        MachineRef other = new MachineRef(subscription, "rg", "bastion-02");
        delivery.deliver(delivery.events(
                other, Events.failures(SCANNER, 10, Instant.now().minus(Duration.ofDays(40)))));

        given().contentType(ContentType.JSON)
                .body(rule("SshBruteForce", List.of(Map.of("type", "ip", "address", SCANNER))))
                .when()
                .post(RULE + "/simulate", subscription, "try-it")
                .then()
                .statusCode(200)
                .body("matchingAlerts", equalTo(1))
                .body("openAlerts", equalTo(1))
                .body("from", notNullValue());
        given().contentType(ContentType.JSON)
                .body(rule("SshBruteForce", List.of()))
                .when()
                .post(RULE + "/simulate", subscription, "try-it")
                .then()
                .body("matchingAlerts", equalTo(2));
        given().contentType(ContentType.JSON)
                .body(rule("PortScan", List.of()))
                .when()
                .post(RULE + "/simulate", subscription, "try-it")
                .then()
                .body("matchingAlerts", equalTo(0));
        given().when().get(RULES, subscription).then().body("value", empty());
        assertEquals(3, alerts("status", "Active").getList("value").size());
    }

    @Test
    void replacesListsAndPagesRules() {
        for (String name : List.of("c-rule", "a-rule", "b-rule")) {
            put(name, rule("PortScan", List.of())).statusCode(201);
        }
        put("a-rule", rule("RdpBruteForce", List.of(Map.of("type", "account", "name", "Administrator"))))
                .statusCode(200)
                .body("alertType", equalTo("RdpBruteForce"))
                .body("entities[0].name", equalTo("Administrator"));

        List<String> names = new ArrayList<>();
        String next = "/api/v1/subscriptions/" + subscription + "/alertSuppressionRules?limit=2";
        while (next != null) {
            JsonPath page =
                    given().when().get(next).then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("value.name"));
            next = page.getString("nextLink");
        }
        assertEquals(List.of("a-rule", "b-rule", "c-rule"), names);
    }

    @Test
    void refusesBadRulesNamingTheField() {
        Map<String, Object> tooLate = new HashMap<>(rule("SshBruteForce", List.of()));
        tooLate.put("expiresAt", Instant.now().plus(Duration.ofDays(200)).toString());
        refused(tooLate, "expiresAt");
        Map<String, Object> past = new HashMap<>(rule("SshBruteForce", List.of()));
        past.put("expiresAt", "2020-01-01T00:00:00Z");
        refused(past, "expiresAt");
        refused(rule("SshBruteForce", List.of(Map.of("type", "ip"))), "entities[0].address");
        refused(rule("SshBruteForce", List.of(Map.of("type", "file", "name", "x"))), "entities[0].type");
        refused(rule("MalwareDetected", List.of(Map.of("type", "malware", "address", "x"))), "entities[0].name");
        Map<String, Object> noReason = new HashMap<>(rule("SshBruteForce", List.of()));
        noReason.remove("reason");
        refused(noReason, "reason");
        Map<String, Object> nulInReason = new HashMap<>(rule("SshBruteForce", List.of()));
        nulInReason.put("reason", "pen\u0000test");
        refused(nulInReason, "reason");
        refused(rule("NoSuchAlert", List.of()), "alertType");
        given().contentType(ContentType.JSON)
                .body(rule("SshBruteForce", List.of()))
                .when()
                .put(RULE, subscription, "bad name")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void letsAReaderReadRulesButNotChangeOrSimulateThem() {
        put("read-me", rule("PortScan", List.of())).statusCode(201);
        Callers.everyRequestAnonymous();

        Callers.asReader(subscription)
                .when()
                .get(RULE, subscription, "read-me")
                .then()
                .statusCode(200);
        Callers.asReader(subscription)
                .contentType(ContentType.JSON)
                .body(rule("PortScan", List.of()))
                .when()
                .put(RULE, subscription, "read-me")
                .then()
                .statusCode(403);
        Callers.asReader(subscription)
                .when()
                .delete(RULE, subscription, "read-me")
                .then()
                .statusCode(403);
        given().header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.reader(subscription)))
                .contentType(ContentType.JSON)
                .body(rule("PortScan", List.of()))
                .when()
                .post(RULE + "/simulate", subscription, "read-me")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
    }

    private static Map<String, String> statusByThreat(JsonPath alerts) {
        Map<String, String> byThreat = new HashMap<>();
        for (int i = 0; i < alerts.getList("value").size(); i++) {
            byThreat.put(
                    alerts.getString("value[" + i + "].entities.find { it.type == 'malware' }.name"),
                    alerts.getString("value[" + i + "].status"));
        }
        return byThreat;
    }

    private void refused(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(RULE, subscription, "refused")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo(field))
                .body("detail", containsString(field.replaceAll("\\[0].*", "")));
    }

    private ValidatableResponse put(String name, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(RULE, subscription, name)
                .then();
    }

    private static Map<String, Object> rule(String alertType, List<Map<String, String>> entities) {
        return Map.of(
                "alertType",
                alertType,
                "entities",
                entities,
                "reason",
                "Our weekly vulnerability scan",
                "expiresAt",
                Instant.now().plus(Duration.ofDays(30)).toString());
    }
}
