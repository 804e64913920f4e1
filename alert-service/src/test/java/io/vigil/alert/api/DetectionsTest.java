package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.alert.support.Fixtures;
import io.vigil.alert.support.PolicyStub;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each detection from realistic events, delivered as the collector delivers them. */
@QuarkusTest
class DetectionsTest extends StandardSubscriptionTest {

    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final String RDP = "/events/windows/rdp-brute-force-then-logon.json";
    private static final String LINUX_ACCOUNTS = "/events/linux/new-account-in-sudo-and-wheel.json";
    private static final String DOMAIN_ADMIN = "/events/windows/new-account-made-domain-admin.json";
    private static final String LOG_CLEARED = "/events/windows/security-log-cleared.json";
    private static final String POWERSHELL = "/events/windows/encoded-powershell.json";
    private static final String CLAMAV = "/events/linux/clamav-found.json";
    private static final String DEFENDER = "/events/windows/defender-malware.json";
    private static final String DEFENDER_OFF = "/events/windows/defender-protection-disabled.json";
    private static final String PORT_SCAN = "/events/linux/ufw-port-scan.json";
    private static final List<String> ALL = List.of(
            RDP, LINUX_ACCOUNTS, DOMAIN_ADMIN, LOG_CLEARED, POWERSHELL, CLAMAV, DEFENDER, DEFENDER_OFF, PORT_SCAN);

    private MachineRef machine;

    @BeforeEach
    void machine() {
        machine = new MachineRef(subscription, "Prod-RG", "host-07");
    }

    @Test
    void raisesRdpBruteForceAndTheSuccessfulLogonThatFollowedIt() {
        delivery.deliver(delivery.events(machine, Fixtures.events(RDP)));

        JsonPath brute = one("RdpBruteForce");
        assertEquals("Medium", brute.getString("severity"));
        assertEquals("CredentialAccess", brute.getString("intent"));
        assertEquals(12, brute.getInt("eventCount"));
        assertEquals("198.51.100.77", brute.getString("entities.find { it.type == 'ip' }.address"));
        JsonPath after = one("SuccessfulLogonAfterBruteForce");
        assertEquals("High", after.getString("severity"));
        assertEquals("InitialAccess", after.getString("intent"));
        assertEquals(1, after.getInt("eventCount"));
        assertEquals("2026-11-29T03:14:40Z", after.getString("startTimeUtc"));
        assertContains(after.getString("description"), "198.51.100.77", "host-07", "'Administrator'", "12 failed");
        String id = after.getString("id");
        given().when()
                .get(ALERTS + "/{id}", subscription, id)
                .then()
                .statusCode(200)
                .body("evidence", hasSize(1))
                .body("evidence[0].raw", containsString("\"EventID\":4624"));
    }

    @Test
    void raisesTheSuccessfulLogonWhenTheFailuresBeforeItArriveAfterIt() {
        List<NormalizedEvent> events = Fixtures.events(RDP);
        List<NormalizedEvent> failures = events.stream()
                .filter(event -> event.action() == EventAction.LogonFailed)
                .toList();
        List<NormalizedEvent> others = events.stream()
                .filter(event -> event.action() != EventAction.LogonFailed)
                .toList();

        delivery.deliver(delivery.events(machine, others));
        assertEquals(
                0,
                alerts("alertType", "SuccessfulLogonAfterBruteForce")
                        .getList("value")
                        .size());
        delivery.deliver(delivery.events(machine, failures.subList(0, failures.size() / 2)));
        assertEquals(
                0,
                alerts("alertType", "SuccessfulLogonAfterBruteForce")
                        .getList("value")
                        .size());
        delivery.deliver(delivery.events(machine, failures.subList(failures.size() / 2, failures.size())));

        JsonPath after = one("SuccessfulLogonAfterBruteForce");
        assertEquals("2026-11-29T03:14:40Z", after.getString("startTimeUtc"));
        assertContains(after.getString("description"), "198.51.100.77", "'Administrator'", "12 failed");
    }

    @Test
    void raisesANewLocalAccountAndItsAdditionToSudoAndWheel() {
        delivery.deliver(delivery.events(machine, Fixtures.events(LINUX_ACCOUNTS)));

        JsonPath created = one("NewLocalAccount");
        assertEquals("Low", created.getString("severity"));
        assertEquals("Persistence", created.getString("intent"));
        assertContains(created.getString("description"), "'deploy'", "host-07");
        JsonPath admin = one("AccountAddedToAdministrators");
        assertEquals("PrivilegeEscalation", admin.getString("intent"));
        assertEquals(2, admin.getInt("eventCount"), "usermod's group and shadow group lines are one change");
        assertContains(admin.getString("description"), "'deploy'", "'sudo'", "'wheel'");
        assertEquals("deploy", admin.getString("entities.find { it.type == 'account' }.name"));
        given().when()
                .get(ALERTS + "/{id}", subscription, admin.getString("id"))
                .then()
                .body(
                        "evidence.raw",
                        hasItem(containsString("gpasswd[4190]: user deploy added by root to group wheel")));
    }

    @Test
    void raisesSecurityLogClearedWithTheWindowsEventAsEvidence() {
        delivery.deliver(delivery.events(machine, Fixtures.events(LOG_CLEARED)));

        JsonPath cleared = one("SecurityLogCleared");
        assertEquals("DefenseEvasion", cleared.getString("intent"));
        assertContains(cleared.getString("description"), "host-07", "'wardog'");
        given().when()
                .get(ALERTS + "/{id}", subscription, cleared.getString("id"))
                .then()
                .body("evidence[0].raw", containsString("\"EventID\":1102"))
                .body("remediationSteps", hasItem(containsString("Windows")))
                .body("remediationSteps", hasItem(containsString("Linux")));
    }

    @Test
    void raisesOneEncodedPowerShellAlertForTheSixEncodedCommandsOfOneAccount() {
        delivery.deliver(delivery.events(machine, Fixtures.events(POWERSHELL)));

        JsonPath alert = one("EncodedPowerShell");
        assertEquals(6, alert.getInt("eventCount"));
        assertEquals("Execution", alert.getString("intent"));
        assertContains(alert.getString("description"), "wardog", "decoded: 'whoami'");
        assertEquals(
                6, alert.getList("entities.findAll { it.type == 'process' }").size());
    }

    @Test
    void raisesMalwareDetectedPerThreatFromClamavAndDefender() {
        delivery.deliver(
                delivery.events(machine, Fixtures.events(CLAMAV)), delivery.events(machine, Fixtures.events(DEFENDER)));

        JsonPath alerts = alerts("alertType", "MalwareDetected");
        assertEquals(3, alerts.getList("value").size());
        assertEquals(List.of("High", "High", "High"), alerts.getList("value.severity"));
        assertEquals(
                List.of(2, 1, 2),
                alerts.getList("value.sort { it.entities.find { e -> e.type == 'malware' }.name }.eventCount"));
    }

    @Test
    void raisesAntimalwareDisabledFromDefenderEvents() {
        delivery.deliver(delivery.events(machine, Fixtures.events(DEFENDER_OFF)));

        JsonPath alert = one("AntimalwareDisabled");
        assertEquals(2, alert.getInt("eventCount"));
        assertContains(alert.getString("description"), "Windows Defender/Operational", "host-07");
    }

    @Test
    void raisesAPortScanAndNoAlertForRepeatedBlocksOnOnePort() {
        delivery.deliver(delivery.events(machine, Fixtures.events(PORT_SCAN)));

        JsonPath alert = one("PortScan");
        assertEquals("Discovery", alert.getString("intent"));
        assertEquals(20, alert.getInt("eventCount"));
        assertContains(alert.getString("description"), "203.0.113.50", "20 distinct destination ports");
    }

    @Test
    void raisesTheSameAlertsWhateverTheOrderWithinAndAcrossDeliveries() {
        delivery.deliver(delivery.events(machine, allFixtures()));
        Map<String, String> inOneDelivery = summaries(subscription);

        for (long seed = 1; seed <= 2; seed++) {
            String shuffledSubscription = "sub-" + UUID.randomUUID();
            PolicyStub.setPricingTier(shuffledSubscription, "Standard");
            MachineRef sameName = new MachineRef(shuffledSubscription, "Prod-RG", "host-07");
            List<NormalizedEvent> shuffled = new ArrayList<>(allFixtures());
            Collections.shuffle(shuffled, new Random(seed));
            for (int start = 0; start < shuffled.size(); start += 17) {
                List<NormalizedEvent> slice = shuffled.subList(start, Math.min(shuffled.size(), start + 17));
                Message first = delivery.events(sameName, slice.subList(0, slice.size() / 2));
                Message second = delivery.events(sameName, slice.subList(slice.size() / 2, slice.size()));
                delivery.deliver(first, second);
            }

            assertEquals(inOneDelivery, summaries(shuffledSubscription), "seed " + seed);
        }
        assertEquals(13, inOneDelivery.size(), inOneDelivery.toString());
    }

    @Test
    void storesEveryEventButRaisesNothingOnTheFreeTier() {
        String free = "sub-" + UUID.randomUUID();
        PolicyStub.setPricingTier(free, "Free");
        MachineRef freeMachine = new MachineRef(free, "Prod-RG", "host-07");
        List<NormalizedEvent> events = allFixtures();

        delivery.deliver(delivery.events(freeMachine, events));
        delivery.deliver(delivery.protection(freeMachine, Instant.parse("2026-11-29T00:00:00Z"), true));
        delivery.deliver(delivery.protection(freeMachine, Instant.parse("2026-11-29T01:00:00Z"), false));

        given().when().get(ALERTS, free).then().statusCode(200).body("value", empty());
        assertEquals(events.size() + 1L, (long)
                single("select count(*) from alert.event where machine_key = $1", freeMachine.key()));
    }

    /** Every fixture's events, with ids of their own for each call, as new events from the collector. */
    private static List<NormalizedEvent> allFixtures() {
        List<NormalizedEvent> events = new ArrayList<>();
        ALL.forEach(fixture -> events.addAll(Fixtures.events(fixture)));
        return events;
    }

    /**
     * What must not change with the order: per alert type and subject, the count, span, severity, escalation,
     * description, and the history's changes (without their times).
     */
    private static Map<String, String> summaries(String subscription) {
        JsonPath alerts = given().queryParam("limit", 200)
                .when()
                .get(ALERTS, subscription)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, String> summaries = new TreeMap<>();
        for (int i = 0; i < alerts.getList("value").size(); i++) {
            String prefix = "value[" + i + "].";
            JsonPath alert = given().when()
                    .get(ALERTS + "/{id}", subscription, alerts.getString(prefix + "id"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            summaries.put(
                    alert.getString("alertType") + " " + alert.getString("entities.findAll { it.type != 'host' }"),
                    String.join(
                            " | ",
                            alert.getString("eventCount"),
                            alert.getString("startTimeUtc"),
                            alert.getString("endTimeUtc"),
                            alert.getString("severity"),
                            alert.getString("escalatedFrom"),
                            alert.getString("status"),
                            alert.getString("description"),
                            alert.getString("history.collect { [it.change, it.from, it.to, it.by, it.note] }")));
        }
        return summaries;
    }

    private JsonPath one(String alertType) {
        JsonPath alerts = alerts("alertType", alertType);
        assertEquals(1, alerts.getList("value").size(), alertType + ": " + alerts.prettify());
        return new JsonPath(alerts.prettify()).setRootPath("value[0]");
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "'" + part + "' not in: " + text);
        }
    }
}
