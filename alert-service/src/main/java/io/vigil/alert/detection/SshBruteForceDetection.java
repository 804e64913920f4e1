package io.vigil.alert.detection;

import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Many failed logons from one source against one machine inside a short span: someone is guessing passwords.
 *
 * <p>Only event time counts, and the events are sorted before they are looked at, so the same events give the same
 * findings whatever order they arrived in. A window is anchored on each failure and looks back {@code window}
 * (both ends included); the first window whose failures reach the threshold triggers, and from its first failure on
 * every failure from that source belongs to the finding.
 */
public final class SshBruteForceDetection {

    public static final String RULE_ID = "SshBruteForce";
    public static final AlertType ALERT_TYPE = AlertType.SshBruteForce;
    public static final String DISPLAY_NAME = "Failed SSH brute force attack";
    public static final Severity SEVERITY = Severity.Medium;
    public static final String INTENT = "CredentialAccess";
    public static final String SUMMARY =
            "Many failed SSH logons from one source address against one machine within a short window";

    public static final List<String> REMEDIATION_STEPS = List.of(
            "Block the source address in the host firewall or the network security group in front of the machine.",
            "Allow SSH (port 22) only from the management addresses that need it, or behind a VPN or bastion host.",
            "Linux: set 'PasswordAuthentication no' and 'PermitRootLogin no' in /etc/ssh/sshd_config, then reload"
                    + " sshd, so that only key-based logons are accepted.",
            "Linux: block sources after repeated failures automatically, for example with fail2ban.",
            "Windows (OpenSSH Server): set 'PasswordAuthentication no' in %ProgramData%\\ssh\\sshd_config and"
                    + " restart the sshd service; enforce an account lockout policy for local accounts.",
            "If a logon from this address succeeded, treat the machine as compromised: change the passwords of the"
                    + " accounts tried and review what those accounts did.");

    private static final Comparator<ObservedEvent> BY_TIME = Comparator.comparing(ObservedEvent::time);

    private SshBruteForceDetection() {}

    /** Whether an event is a failed logon this detection counts. */
    public static boolean counts(EventCategory category, EventAction action, String sourceAddress) {
        return category == EventCategory.Authentication
                && action == EventAction.LogonFailed
                && sourceAddress != null
                && !sourceAddress.isBlank();
    }

    /** One finding per (machine, source address) whose failed logons reach the rule's threshold inside its window. */
    public static List<BruteForceFinding> evaluate(DetectionRule rule, Collection<ObservedEvent> events) {
        if (!rule.enabled()) {
            return List.of();
        }
        Map<Key, List<ObservedEvent>> bySource = new LinkedHashMap<>();
        for (ObservedEvent event : events) {
            if (counts(event.category(), event.action(), event.sourceAddress())) {
                Key key = new Key(event.machineKey(), Addresses.normalize(event.sourceAddress()));
                bySource.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
            }
        }
        List<BruteForceFinding> findings = new ArrayList<>();
        bySource.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(Key::machineKey).thenComparing(Key::sourceAddress)))
                .forEach(entry ->
                        evaluateSource(rule, entry.getKey(), entry.getValue()).ifPresent(findings::add));
        return findings;
    }

    public static String describe(BruteForceFinding finding, String machineName) {
        return finding.eventCount() + " failed SSH logons from " + finding.sourceAddress() + " against machine "
                + machineName + " between " + finding.start() + " and " + finding.end()
                + (finding.accounts().isEmpty() ? "" : "; accounts tried: " + String.join(", ", finding.accounts()))
                + ". This is a password-guessing attack; none of these attempts succeeded.";
    }

    private static Optional<BruteForceFinding> evaluateSource(
            DetectionRule rule, Key key, List<ObservedEvent> unsorted) {
        List<ObservedEvent> sorted = unsorted.stream().sorted(BY_TIME).toList();
        Integer triggerStart = firstTriggeringWindowStart(rule, sorted);
        if (triggerStart == null) {
            return Optional.empty();
        }
        long total = 0;
        TreeSet<String> accounts = new TreeSet<>();
        for (ObservedEvent event : sorted.subList(triggerStart, sorted.size())) {
            total += occurrences(event);
            if (event.account() != null && !event.account().isBlank()) {
                accounts.add(event.account());
            }
        }
        Instant start = sorted.get(triggerStart).time();
        Instant end = sorted.get(sorted.size() - 1).time();
        return Optional.of(
                new BruteForceFinding(key.machineKey(), key.sourceAddress(), start, end, total, List.copyOf(accounts)));
    }

    /** The index of the first failure of the earliest window that reaches the threshold, or null when none does. */
    private static Integer firstTriggeringWindowStart(DetectionRule rule, List<ObservedEvent> sorted) {
        long inWindow = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            Instant windowStart = sorted.get(last).time().minus(rule.window());
            inWindow += occurrences(sorted.get(last));
            while (sorted.get(first).time().isBefore(windowStart)) {
                inWindow -= occurrences(sorted.get(first));
                first++;
            }
            if (inWindow >= rule.threshold()) {
                return first;
            }
        }
        return null;
    }

    /** An entry that stands for N repeats counts N times; a missing count means one. */
    private static long occurrences(ObservedEvent event) {
        return Math.max(1, event.count());
    }

    private record Key(String machineKey, String sourceAddress) {}
}
