package io.vigil.alert.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.InvolvedEntity;
import io.vigil.alert.model.Severity;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the catalogue as a user meets its alerts: the severity and ATT&CK tactic, a description that names the
 * machine and the concrete entities of the events, the entities listed, and remediation steps for Linux and Windows.
 */
class CatalogueTest {

    private static final String MACHINE_KEY = "/subscriptions/sub-1/resourcegroups/rg/machines/web-03";
    private static final String RESOURCE_ID = "/subscriptions/sub-1/resourceGroups/rg/machines/web-03";
    private static final String MACHINE = "web-03";
    private static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");
    private static final String ATTACKER = "203.0.113.10";

    /** What each alert type must show, and events that raise it. */
    private static final Map<AlertType, Case> CASES = new EnumMap<>(Map.of(
            AlertType.SshBruteForce,
            new Case(
                    Severity.Medium,
                    "CredentialAccess",
                    sshFailures(10),
                    List.of("10 failed SSH logons", ATTACKER, MACHINE, "root"),
                    List.of("ip", "host", "account")),
            AlertType.RdpBruteForce,
            new Case(
                    Severity.Medium,
                    "CredentialAccess",
                    rdpFailures(10),
                    List.of("10 failed Windows logons", "198.51.100.7", MACHINE, "Administrator", "logon type 10"),
                    List.of("ip", "host", "account")),
            AlertType.SuccessfulLogonAfterBruteForce,
            new Case(
                    Severity.High,
                    "InitialAccess",
                    with(sshFailures(10), logon(T0.plusSeconds(60), ATTACKER, "root")),
                    List.of(ATTACKER, MACHINE, "'root'", "after 10 failed logons"),
                    List.of("ip", "host", "account")),
            AlertType.NewLocalAccount,
            new Case(
                    Severity.Low,
                    "Persistence",
                    List.of(event(EventCategory.Account, EventAction.AccountCreated, "useradd", "backdoor", null)),
                    List.of("'backdoor'", MACHINE),
                    List.of("host", "account")),
            AlertType.AccountAddedToAdministrators,
            new Case(
                    Severity.Medium,
                    "PrivilegeEscalation",
                    List.of(event(EventCategory.Group, EventAction.MemberAdded, "usermod", "backdoor", "sudo")),
                    List.of("'backdoor'", "'sudo'", MACHINE),
                    List.of("host", "account")),
            AlertType.SecurityLogCleared,
            new Case(
                    Severity.Medium,
                    "DefenseEvasion",
                    List.of(event(
                            EventCategory.Audit,
                            EventAction.LogCleared,
                            "Microsoft-Windows-Eventlog",
                            "svc-backup",
                            null)),
                    List.of("'svc-backup'", MACHINE),
                    List.of("host", "account")),
            AlertType.EncodedPowerShell,
            new Case(
                    Severity.Medium,
                    "Execution",
                    List.of(powershell("powershell.exe -NoP -enc dwBoAG8AYQBtAGkA")),
                    List.of("'wardog'", MACHINE, "powershell.exe -NoP -enc dwBoAG8AYQBtAGkA", "decoded: 'whoami'"),
                    List.of("host", "account", "process")),
            AlertType.MalwareDetected,
            new Case(
                    Severity.High,
                    "Execution",
                    List.of(malware("Unix.Trojan.Mirai-7100807-0", "/tmp/.x/kworker")),
                    List.of("'Unix.Trojan.Mirai-7100807-0'", "'/tmp/.x/kworker'", MACHINE),
                    List.of("host", "malware", "file")),
            AlertType.AntimalwareDisabled,
            new Case(
                    Severity.Medium,
                    "DefenseEvasion",
                    List.of(event(
                            EventCategory.Antimalware,
                            EventAction.ProtectionDisabled,
                            "Microsoft-Windows-Windows Defender/Operational",
                            null,
                            null)),
                    List.of(MACHINE, "Microsoft-Windows-Windows Defender/Operational"),
                    List.of("host")),
            AlertType.PortScan,
            new Case(
                    Severity.Low,
                    "Discovery",
                    blocked(15),
                    List.of("198.51.100.66", MACHINE, "15 distinct destination ports", "(21, 22, 23"),
                    List.of("ip", "host"))));

    @Test
    void hasOneRuleForEveryAlertTypeAndACaseForEachHere() {
        assertEquals(
                Arrays.asList(AlertType.values()),
                Catalogue.RULES.stream().map(DetectionRule::alertType).toList());
        assertEquals(Set.copyOf(Arrays.asList(AlertType.values())), CASES.keySet());
    }

    @Test
    void everyRuleHasItsSeverityTacticAndADescriptionNamingTheConcreteEntities() {
        for (DetectionRule rule : Catalogue.RULES) {
            Case expected = CASES.get(rule.alertType());
            assertEquals(expected.severity(), rule.severity(), rule.ruleId());
            assertEquals(expected.tactic(), rule.intent(), rule.ruleId());

            List<Finding> findings = Detector.evaluate(rule, rule.defaults(), expected.events(), 10);
            assertEquals(1, findings.size(), rule.ruleId() + ": " + findings);
            Finding finding = findings.get(0);
            String description = Descriptions.describe(rule, rule.defaults(), finding, MACHINE);
            for (String named : expected.named()) {
                assertTrue(description.contains(named), rule.ruleId() + ": '" + named + "' not in: " + description);
            }
            List<InvolvedEntity> entities = Descriptions.entities(rule, finding, RESOURCE_ID);
            assertEquals(
                    expected.entityTypes(),
                    entities.stream().map(InvolvedEntity::type).toList(),
                    rule.ruleId() + ": " + entities);
            assertTrue(entities.contains(InvolvedEntity.host(RESOURCE_ID)), rule.ruleId() + " names the machine");
        }
    }

    @Test
    void everyRuleSaysHowToRemediateOnLinuxAndOnWindows() {
        for (DetectionRule rule : Catalogue.RULES) {
            assertTrue(
                    rule.remediationSteps().stream().anyMatch(step -> step.startsWith("Linux")),
                    rule.ruleId() + " has a Linux step: " + rule.remediationSteps());
            assertTrue(
                    rule.remediationSteps().stream().anyMatch(step -> step.startsWith("Windows")),
                    rule.ruleId() + " has a Windows step: " + rule.remediationSteps());
            assertTrue(rule.remediationSteps().size() >= 3, rule.ruleId() + " has general steps too");
            assertTrue(rule.displayName().length() > 5 && rule.summary().length() > 20, rule.ruleId());
        }
    }

    private record Case(
            Severity severity,
            String tactic,
            List<ObservedEvent> events,
            List<String> named,
            List<String> entityTypes) {}

    private static List<ObservedEvent> sshFailures(int count) {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new ObservedEvent(
                    UUID.randomUUID(),
                    MACHINE_KEY,
                    T0.plusSeconds(3L * i),
                    EventCategory.Authentication,
                    EventAction.LogonFailed,
                    1,
                    "sshd",
                    ATTACKER,
                    22,
                    "root",
                    null,
                    null,
                    null,
                    "password",
                    null,
                    null));
        }
        return events;
    }

    private static List<ObservedEvent> rdpFailures(int count) {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new ObservedEvent(
                    UUID.randomUUID(),
                    MACHINE_KEY,
                    T0.plusSeconds(2L * i),
                    EventCategory.Authentication,
                    EventAction.LogonFailed,
                    1,
                    "Microsoft-Windows-Security-Auditing",
                    "198.51.100.7",
                    null,
                    "Administrator",
                    null,
                    null,
                    null,
                    "10",
                    null,
                    null));
        }
        return events;
    }

    private static ObservedEvent logon(Instant time, String source, String account) {
        return new ObservedEvent(
                UUID.randomUUID(),
                MACHINE_KEY,
                time,
                EventCategory.Authentication,
                EventAction.LogonSucceeded,
                1,
                "sshd",
                source,
                22,
                account,
                null,
                null,
                null,
                "password",
                null,
                null);
    }

    private static ObservedEvent event(
            EventCategory category, EventAction action, String program, String account, String group) {
        return new ObservedEvent(
                UUID.randomUUID(),
                MACHINE_KEY,
                T0,
                category,
                action,
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

    private static ObservedEvent powershell(String commandLine) {
        return new ObservedEvent(
                UUID.randomUUID(),
                MACHINE_KEY,
                T0,
                EventCategory.Process,
                EventAction.ProcessCreated,
                1,
                "Microsoft-Windows-Security-Auditing",
                null,
                null,
                "wardog",
                null,
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                commandLine,
                null,
                null,
                null);
    }

    private static ObservedEvent malware(String threat, String file) {
        return new ObservedEvent(
                UUID.randomUUID(),
                MACHINE_KEY,
                T0,
                EventCategory.Antimalware,
                EventAction.MalwareDetected,
                1,
                "clamd",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                threat,
                file);
    }

    private static List<ObservedEvent> blocked(int ports) {
        int[] known = {21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1723, 3306, 3389};
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            events.add(new ObservedEvent(
                    UUID.randomUUID(),
                    MACHINE_KEY,
                    T0.plusSeconds(i),
                    EventCategory.Firewall,
                    EventAction.ConnectionBlocked,
                    1,
                    "kernel",
                    "198.51.100.66",
                    known[i],
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        return events;
    }

    private static List<ObservedEvent> with(List<ObservedEvent> events, ObservedEvent more) {
        List<ObservedEvent> all = new ArrayList<>(events);
        all.add(more);
        return all;
    }
}
