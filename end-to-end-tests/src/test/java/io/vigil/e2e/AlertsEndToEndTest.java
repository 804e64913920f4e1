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
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real log formats, as machines write them, through the collector's parsers into alert-service's detections: every
 * detection the inputs imply is raised exactly once per subject, on the machine that was attacked, with the count,
 * severity and tactic the events imply. Among the inputs: syslog's {@code message repeated N times} entries (which
 * count N), usermod's group and shadow group lines for one change (one event), failed Windows logons of types 2 and 8
 * from an address (no RDP brute force), and a Windows logon that succeeded after an RDP brute force.
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

        String host = machineId(sub, "linux", "lnx-01");
        List<String> expected = List.of(
                "AccountAddedToAdministrators backdoor 1 Medium PrivilegeEscalation",
                "MalwareDetected Unix.Coinminer.Generic-7151250-0 1 High Execution",
                "NewLocalAccount backdoor 1 Low Persistence",
                "PortScan 198.51.100.66 20 Low Discovery",
                "SshBruteForce 2001:db8::88 10 Medium CredentialAccess",
                "SshBruteForce 203.0.113.77 16 Medium CredentialAccess",
                "SuccessfulLogonAfterBruteForce 203.0.113.77 1 High InitialAccess");
        await().atMost(DELIVERY_BOUND).until(() -> VigilApi.alertSummaries(sub), equalTo(expected));
        assertEquals(List.of(host), VigilApi.compromisedMachines(sub));
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
                .body("accepted", equalTo(31))
                .body("rejected", equalTo(0));

        String host = machineId(sub, "windows", "win-01");
        List<String> expected = List.of(
                "AccountAddedToAdministrators S-1-5-21-3623811015-3361044348-30300820-1013 1 Medium"
                        + " PrivilegeEscalation",
                "AntimalwareDisabled " + host + " 1 Medium DefenseEvasion",
                "EncodedPowerShell svc-backup 1 Medium Execution",
                "MalwareDetected Trojan:Win32/Meterpreter.O 1 High Execution",
                "NewLocalAccount support2 1 Low Persistence",
                "RdpBruteForce 198.51.100.99 12 Medium CredentialAccess",
                "SecurityLogCleared svc-backup 1 Medium DefenseEvasion",
                "SuccessfulLogonAfterBruteForce 198.51.100.99 1 High InitialAccess");
        await().atMost(DELIVERY_BOUND).until(() -> VigilApi.alertSummaries(sub), equalTo(expected));
        assertEquals(List.of(host), VigilApi.compromisedMachines(sub));
    }

    @Test
    void realTimeProtectionSwitchedOffInAStateReportRaisesAntimalwareDisabled() {
        String sub = standardSubscription();
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "windows", "win-02", "Windows");
        Instant now = Instant.now();

        report(sub, agentKey, now.minusSeconds(120), true);
        report(sub, agentKey, now.minusSeconds(60), false);

        String host = machineId(sub, "windows", "win-02");
        await().atMost(DELIVERY_BOUND)
                .until(
                        () -> VigilApi.alertSummaries(sub),
                        equalTo(List.of("AntimalwareDisabled " + host + " 1 Medium DefenseEvasion")));
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

    private static String machineId(String sub, String group, String name) {
        return "/subscriptions/" + sub + "/resourceGroups/" + group + "/machines/" + name;
    }
}
