package io.vigil.alert.detection;

import static io.vigil.alert.detection.BruteForceRulesTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.alert.model.InvolvedEntity;
import io.vigil.alert.model.Severity;
import io.vigil.alert.support.Fixtures;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules about what happens on a machine: accounts, the audit log, processes, antimalware, the firewall. */
class HostRulesTest {

    private static final String MACHINE = "/subscriptions/sub-1/resourcegroups/rg/machines/host01";
    private static final String RESOURCE_ID = "/subscriptions/sub-1/resourceGroups/rg/machines/host01";

    @Test
    void raisesANewLocalAccountPerAccountCreated() {
        Finding linux =
                single(evaluate(Catalogue.NEW_LOCAL_ACCOUNT, "/events/linux/new-account-in-sudo-and-wheel.json"));
        Finding windows =
                single(evaluate(Catalogue.NEW_LOCAL_ACCOUNT, "/events/windows/new-account-made-domain-admin.json"));

        assertEquals("deploy", linux.subject());
        assertEquals(Instant.parse("2026-11-29T09:20:11Z"), linux.start());
        assertEquals("svc-sql", windows.subject());
        assertEquals(Severity.Low, windows.severity());
    }

    @Test
    void raisesAnAccountAddedToSudoAndWheelButNotToOtherGroups() {
        Finding finding = single(evaluate(
                Catalogue.ACCOUNT_ADDED_TO_ADMINISTRATORS, "/events/linux/new-account-in-sudo-and-wheel.json"));

        assertEquals("deploy", finding.subject());
        assertEquals(List.of("sudo", "wheel"), List.copyOf(finding.seen(EventField.GROUP)));
        assertEquals(2, finding.eventCount(), "usermod -aG sudo and gpasswd -a wheel, each one change");
        assertEquals(Severity.Medium, finding.severity());
    }

    @Test
    void countsUsermodsGroupAndShadowGroupLinesAsOneAdditionAndEveryLaterAdditionAgain() {
        Instant at = Instant.parse("2026-11-29T09:21:40Z");
        List<ObservedEvent> events = new ArrayList<>();
        events.add(memberAdded(at, "usermod", "deploy", "sudo"));
        events.add(memberAdded(at.plusMillis(400), "usermod", "deploy", "sudo"));
        events.add(memberAdded(at.plusSeconds(90), "usermod", "deploy", "sudo"));
        events.add(memberAdded(at.plusSeconds(90), "usermod", "deploy", "sudo"));
        events.add(memberAdded(at.plusSeconds(90), "usermod", "deploy", "wheel"));
        events.add(memberAdded(at.plusSeconds(90), "gpasswd", "deploy", "sudo"));

        DetectionRule rule = rule(Catalogue.ACCOUNT_ADDED_TO_ADMINISTRATORS);
        Finding finding = single(Detector.evaluate(rule, rule.defaults(), events, 10));

        assertEquals(4, finding.eventCount(), "two usermods of sudo, one of wheel and a gpasswd");
        assertEquals(at, finding.start());
        List<ObservedEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(3));
        assertEquals(
                4,
                single(Detector.evaluate(rule, rule.defaults(), shuffled, 10)).eventCount());
    }

    @Test
    void raisesTheSeverityWhenTheAccountJoinsADomainWideAdministratorsGroup() {
        List<Finding> findings = evaluate(
                Catalogue.ACCOUNT_ADDED_TO_ADMINISTRATORS, "/events/windows/new-account-made-domain-admin.json");

        Finding finding = single(findings);
        assertEquals("cn=svc-sql,ou=service accounts,dc=corp,dc=example", finding.subject());
        assertEquals(List.of("Administrators", "Domain Admins"), List.copyOf(finding.seen(EventField.GROUP)));
        assertEquals(Severity.High, finding.severity());
        assertEquals("added to a domain-wide administrators group", finding.escalationReason());
    }

    @Test
    void raisesSecurityLogClearedNamingWhoClearedIt() {
        DetectionRule rule = rule(Catalogue.SECURITY_LOG_CLEARED);
        Finding finding = single(evaluate(Catalogue.SECURITY_LOG_CLEARED, "/events/windows/security-log-cleared.json"));

        String description = Descriptions.describe(rule, rule.defaults(), finding, "WORKSTATION6");

        assertEquals("wardog", finding.subject());
        assertTrue(description.contains("WORKSTATION6"), description);
        assertTrue(description.contains("'wardog'"), description);
    }

    @Test
    void raisesEncodedPowerShellForEveryAcceptedSpellingAndNothingElse() {
        DetectionRule rule = rule(Catalogue.ENCODED_POWERSHELL);
        List<ObservedEvent> events =
                Fixtures.observed(MACHINE, Fixtures.events("/events/windows/encoded-powershell.json"));

        Finding finding = single(Detector.evaluate(rule, rule.defaults(), events, 10));
        String description = Descriptions.describe(rule, rule.defaults(), finding, "WORKSTATION6");

        assertEquals(6, finding.eventCount());
        assertEquals(6, finding.seen(EventField.COMMAND_LINE).size());
        assertTrue(description.contains("decoded: 'IEX (New-Object Net.WebClient)"), description);
        assertTrue(
                Descriptions.entities(rule, finding, RESOURCE_ID).stream()
                        .anyMatch(entity -> "process".equals(entity.type())
                                && entity.commandLine().contains("pwsh.exe -NoLogo /ec")),
                "process entities name the command lines");
    }

    @Test
    void raisesOneMalwareAlertPerThreatListingItsFiles() {
        DetectionRule rule = rule(Catalogue.MALWARE_DETECTED);
        List<Finding> findings = evaluate(Catalogue.MALWARE_DETECTED, "/events/linux/clamav-found.json");

        assertEquals(2, findings.size());
        Finding eicar = findings.get(1);
        assertEquals("win.test.eicar_hdb-1", eicar.subject());
        assertEquals(2, eicar.eventCount());
        assertEquals(
                List.of("/home/bob/Downloads/eicar.com", "/srv/share/eicar_copy.txt"),
                List.copyOf(eicar.seen(EventField.FILE)));
        List<InvolvedEntity> entities = Descriptions.entities(rule, eicar, RESOURCE_ID);
        assertTrue(entities.contains(InvolvedEntity.malware("Win.Test.EICAR_HDB-1")));
        assertTrue(entities.contains(InvolvedEntity.file("/srv/share/eicar_copy.txt")));
        assertEquals(Severity.High, eicar.severity());
    }

    @Test
    void groupsDefendersDetectionAndActionIntoOneMalwareAlert() {
        Finding finding = single(evaluate(Catalogue.MALWARE_DETECTED, "/events/windows/defender-malware.json"));

        assertEquals(2, finding.eventCount());
        assertEquals(List.of("CORP\\alice"), List.copyOf(finding.seen(EventField.ACCOUNT)));
    }

    @Test
    void raisesAntimalwareDisabledOncePerMachine() {
        Finding finding =
                single(evaluate(Catalogue.ANTIMALWARE_DISABLED, "/events/windows/defender-protection-disabled.json"));

        assertEquals("", finding.subject());
        assertEquals(2, finding.eventCount());
    }

    @Test
    void raisesAPortScanForManyDistinctPortsButNotForManyAttemptsOnOnePort() {
        DetectionRule rule = rule(Catalogue.PORT_SCAN);
        Finding finding = single(evaluate(Catalogue.PORT_SCAN, "/events/linux/ufw-port-scan.json"));

        String description = Descriptions.describe(rule, rule.defaults(), finding, "web-03");

        assertEquals("203.0.113.50", finding.subject());
        assertEquals(20, finding.seen(EventField.DESTINATION_PORT).size());
        assertEquals("21", finding.seen(EventField.DESTINATION_PORT).first());
        assertEquals(Instant.parse("2026-11-29T16:00:00Z"), finding.start());
        assertTrue(description.contains("on 20 distinct destination ports (21, 22, 23"), description);
    }

    @Test
    void raisesNoPortScanWhenThePortsAreSpreadWiderThanTheWindow() {
        DetectionRule rule = rule(Catalogue.PORT_SCAN);
        List<ObservedEvent> events = new ArrayList<>();
        for (ObservedEvent event : observed("/events/linux/ufw-port-scan.json")) {
            int index = events.size();
            events.add(new ObservedEvent(
                    event.id(),
                    event.machineKey(),
                    event.time().plus(Duration.ofMinutes(index)),
                    event.category(),
                    event.action(),
                    event.count(),
                    event.program(),
                    event.sourceAddress(),
                    event.destinationPort(),
                    event.account(),
                    event.group(),
                    event.process(),
                    event.commandLine(),
                    event.logonType(),
                    event.threat(),
                    event.file()));
        }

        assertTrue(Detector.evaluate(rule, rule.defaults(), events, 10).isEmpty());
    }

    @Test
    void givesTheSameFindingsWhateverTheOrderForEveryRule() {
        List<ObservedEvent> all = new ArrayList<>();
        for (String fixture : List.of(
                "/events/linux/new-account-in-sudo-and-wheel.json",
                "/events/windows/new-account-made-domain-admin.json",
                "/events/windows/encoded-powershell.json",
                "/events/linux/clamav-found.json",
                "/events/linux/ufw-port-scan.json",
                "/events/windows/rdp-brute-force-then-logon.json")) {
            all.addAll(observed(fixture));
        }
        for (DetectionRule rule : Catalogue.RULES) {
            List<Finding> inOrder = Detector.evaluate(rule, rule.defaults(), all, 10);
            for (long seed = 1; seed <= 3; seed++) {
                List<ObservedEvent> shuffled = new ArrayList<>(all);
                Collections.shuffle(shuffled, new Random(seed));
                assertEquals(inOrder, Detector.evaluate(rule, rule.defaults(), shuffled, 10), rule.ruleId());
            }
        }
    }

    private static ObservedEvent memberAdded(Instant time, String program, String account, String group) {
        return new ObservedEvent(
                UUID.randomUUID(),
                MACHINE,
                time,
                EventCategory.Group,
                EventAction.MemberAdded,
                1,
                program,
                null,
                null,
                account,
                group,
                null,
                null,
                null,
                null,
                null);
    }

    private static List<Finding> evaluate(String ruleId, String fixture) {
        DetectionRule rule = rule(ruleId);
        return Detector.evaluate(rule, rule.defaults(), observed(fixture), 10);
    }

    private static List<ObservedEvent> observed(String fixture) {
        return Fixtures.observed(MACHINE, Fixtures.events(fixture));
    }

    private static DetectionRule rule(String ruleId) {
        return Catalogue.find(ruleId).orElseThrow();
    }
}
