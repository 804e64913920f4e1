package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.VigilApi.INGESTION_KEY;
import static io.vigil.e2e.VigilApi.collector;
import static io.vigil.e2e.VigilApi.configureSubscription;
import static io.vigil.e2e.VigilApi.ingestionKey;
import static io.vigil.e2e.VigilApi.newSubscription;
import static io.vigil.e2e.VigilApi.registerMachine;
import static io.vigil.e2e.VigilApi.resource;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real log formats, as machines write them, through the collector's parsers into alert-service's detections: every
 * detection the inputs imply is raised, on the machine that was attacked.
 */
class AlertsEndToEndTest {

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);
    private static final Pattern OFFSET = Pattern.compile("\\{\\{\\+(\\d+)}}");

    @BeforeAll
    static void startStack() throws IOException, SQLException {
        VigilStack.running();
    }

    @Test
    void aLinuxMachinesSyslogRaisesEachDetectionItShows() throws IOException {
        String sub = standardSubscription();
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "linux", "lnx-01", "Linux");
        Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder lines = new StringBuilder();
        for (String line : resource("events/linux-attack.log").lines().toList()) {
            int space = line.indexOf(' ');
            Instant at = start.plusSeconds(Long.parseLong(line.substring(1, space)));
            lines.append(at).append(line.substring(space)).append('\n');
        }

        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.TEXT)
                .body(lines.toString())
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/linux/machines/lnx-01/events"), sub)
                .then()
                .statusCode(202)
                .body("rejected", equalTo(0));

        Set<String> expected = Set.of(
                "SshBruteForce",
                "SuccessfulLogonAfterBruteForce",
                "NewLocalAccount",
                "AccountAddedToAdministrators",
                "PortScan",
                "MalwareDetected");
        await().atMost(DELIVERY_BOUND).until(() -> alertTypes(sub), expected::equals);
    }

    @Test
    void aWindowsMachinesSecurityAndDefenderEventsRaiseEachDetectionTheyShow() throws IOException {
        String sub = standardSubscription();
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "windows", "win-01", "Windows");
        Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Matcher offsets = OFFSET.matcher(resource("events/windows-attack.json"));
        String events = offsets.replaceAll(
                m -> start.plusSeconds(Long.parseLong(m.group(1))).toString());

        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.JSON)
                .body(events)
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/windows/machines/win-01/events"), sub)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(18))
                .body("rejected", equalTo(0));

        Set<String> expected = Set.of(
                "RdpBruteForce",
                "EncodedPowerShell",
                "NewLocalAccount",
                "AccountAddedToAdministrators",
                "MalwareDetected",
                "AntimalwareDisabled",
                "SecurityLogCleared");
        await().atMost(DELIVERY_BOUND).until(() -> alertTypes(sub), expected::equals);
    }

    @Test
    void realTimeProtectionSwitchedOffInAStateReportRaisesAntimalwareDisabled() {
        String sub = standardSubscription();
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "windows", "win-02", "Windows");
        Instant now = Instant.now();

        report(sub, agentKey, now.minusSeconds(120), true);
        report(sub, agentKey, now.minusSeconds(60), false);

        await().atMost(DELIVERY_BOUND).until(() -> alertTypes(sub), Set.of("AntimalwareDisabled")::equals);
    }

    private static void report(String sub, String agentKey, Instant collectedAt, boolean realTime) {
        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "collectedAt",
                        collectedAt.toString(),
                        "endpointProtection",
                        Map.of("installed", true, "product", "Microsoft Defender", "realTimeProtection", realTime)))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/windows/machines/win-02/reports"), sub)
                .then()
                .statusCode(202);
    }

    private static String standardSubscription() {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Standard");
        return sub;
    }

    private static Set<String> alertTypes(String sub) {
        return new TreeSet<>(VigilApi.alertTypes(sub));
    }
}
