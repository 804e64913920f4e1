package io.vigil.alert.detection;

import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.InvolvedEntity;
import io.vigil.alert.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * What an alert says: a description that names the machine, the source, accounts, groups, commands, threats and
 * files concerned, and the entities involved. Long lists are cut, saying how many were left out.
 */
public final class Descriptions {

    /** How many values of one kind a description or an entity list names. */
    static final int LISTED = 10;

    private static final int COMMAND_SHOWN = 300;

    private Descriptions() {}

    public static String describe(DetectionRule rule, RuleSettings settings, Finding finding, String machineName) {
        String span = span(finding);
        String text = switch (rule.alertType()) {
            case SshBruteForce ->
                finding.eventCount() + " failed SSH logons from " + finding.subject()
                        + " against machine " + machineName + span + tried(finding)
                        + ". Someone is guessing passwords; a successful logon from this address raises an"
                        + " alert of its own.";
            case RdpBruteForce ->
                finding.eventCount() + " failed Windows logons of logon type "
                        + list(finding.seen(EventField.LOGON_TYPE)) + " (network or Remote Desktop) from "
                        + finding.subject() + " against machine " + machineName + span + tried(finding)
                        + ". Someone is guessing passwords; a successful logon from this address raises an"
                        + " alert of its own.";
            case SuccessfulLogonAfterBruteForce ->
                times(finding.eventCount(), "successful logon")
                        + " from " + finding.subject() + " to machine " + machineName + " as "
                        + quoted(finding.seen(EventField.ACCOUNT)) + span + ", after "
                        + finding.precedingFailures() + " failed logons from that address within the "
                        + readable(settings.window()) + " before it. The password guessing may have succeeded.";
            case NewLocalAccount ->
                "Local account " + quoted(finding.seen(EventField.ACCOUNT)) + " was created on machine " + machineName
                        + occurrences(finding, span) + ".";
            case AccountAddedToAdministrators ->
                "Account " + quoted(finding.seen(EventField.ACCOUNT))
                        + " was added to " + quoted(finding.seen(EventField.GROUP)) + " on machine "
                        + machineName + occurrences(finding, span) + ".";
            case SecurityLogCleared ->
                "The security event log of machine " + machineName
                        + " was cleared" + by(finding) + occurrences(finding, span)
                        + ". Whatever it recorded before is gone from the machine.";
            case EncodedPowerShell ->
                "PowerShell ran an encoded command on machine " + machineName + by(finding) + occurrences(finding, span)
                        + ": " + commands(finding) + ".";
            case MalwareDetected ->
                "The antimalware of machine " + machineName + " found "
                        + quoted(finding.seen(EventField.THREAT)) + inFiles(finding) + occurrences(finding, span)
                        + ".";
            case AntimalwareDisabled ->
                "Antimalware protection was switched off on machine " + machineName
                        + " (reported by " + list(finding.seen(EventField.PROGRAM)) + ")"
                        + occurrences(finding, span) + ".";
            case PortScan ->
                "The host firewall of machine " + machineName + " blocked " + finding.subject()
                        + " on " + finding.seen(EventField.DESTINATION_PORT).size()
                        + " distinct destination ports (" + list(finding.seen(EventField.DESTINATION_PORT))
                        + ")" + span + ", " + times(finding.eventCount(), "blocked connection")
                        + " in all. Someone is looking for open services.";
        };
        return text;
    }

    /** The note a description carries once a later event raised the alert's severity. */
    public static String escalationNote(Severity from, Severity to, String reason) {
        return " Severity raised from " + from + " to " + to + (reason == null ? "" : ": " + reason) + ".";
    }

    public static List<InvolvedEntity> entities(DetectionRule rule, Finding finding, String resourceId) {
        List<InvolvedEntity> entities = new ArrayList<>();
        if (rule.subject() == EventField.SOURCE_ADDRESS) {
            entities.add(InvolvedEntity.ip(finding.subject()));
        }
        entities.add(InvolvedEntity.host(resourceId));
        finding.seen(EventField.ACCOUNT).stream()
                .limit(LISTED)
                .map(InvolvedEntity::account)
                .forEach(entities::add);
        if (rule.alertType() == AlertType.EncodedPowerShell) {
            finding.processes().entrySet().stream()
                    .limit(LISTED)
                    .map(process -> InvolvedEntity.process(process.getValue(), process.getKey()))
                    .forEach(entities::add);
        }
        finding.seen(EventField.THREAT).stream()
                .limit(LISTED)
                .map(InvolvedEntity::malware)
                .forEach(entities::add);
        finding.seen(EventField.FILE).stream()
                .limit(LISTED)
                .map(InvolvedEntity::file)
                .forEach(entities::add);
        return entities;
    }

    private static String span(Finding finding) {
        return finding.start().equals(finding.end())
                ? " at " + finding.start()
                : " between " + finding.start() + " and " + finding.end();
    }

    private static String occurrences(Finding finding, String span) {
        return finding.eventCount() == 1 ? span : " " + finding.eventCount() + " times" + span;
    }

    private static String tried(Finding finding) {
        SortedSet<String> accounts = finding.seen(EventField.ACCOUNT);
        return accounts.isEmpty() ? "" : "; accounts tried: " + list(accounts);
    }

    private static String by(Finding finding) {
        SortedSet<String> accounts = finding.seen(EventField.ACCOUNT);
        return accounts.isEmpty() ? "" : " by account " + quoted(accounts);
    }

    private static String inFiles(Finding finding) {
        SortedSet<String> files = finding.seen(EventField.FILE);
        return files.isEmpty() ? "" : " in " + quoted(files);
    }

    private static String commands(Finding finding) {
        List<String> shown = new ArrayList<>();
        for (String commandLine : finding.seen(EventField.COMMAND_LINE)) {
            if (shown.size() == LISTED) {
                break;
            }
            String command = commandLine.length() > COMMAND_SHOWN
                    ? commandLine.substring(0, COMMAND_SHOWN) + "..."
                    : commandLine;
            shown.add("'" + command + "'"
                    + EncodedCommands.decoded(commandLine)
                            .map(script -> " (decoded: '" + script + "')")
                            .orElse(""));
        }
        int left = finding.seen(EventField.COMMAND_LINE).size() - shown.size();
        return String.join("; ", shown) + (left > 0 ? " and " + left + " more" : "");
    }

    private static String times(long count, String what) {
        return count + " " + what + (count == 1 ? "" : "s");
    }

    private static String quoted(SortedSet<String> values) {
        return cut(values, "'");
    }

    private static String list(SortedSet<String> values) {
        return cut(values, "");
    }

    private static String cut(SortedSet<String> values, String quote) {
        if (values.isEmpty()) {
            return "(unknown)";
        }
        List<String> shown = values.stream()
                .limit(LISTED)
                .map(value -> quote + value + quote)
                .toList();
        int left = values.size() - shown.size();
        return String.join(", ", shown) + (left > 0 ? " and " + left + " more" : "");
    }

    /** A window as people say it: "5 minutes", "1 hour". */
    static String readable(Duration window) {
        if (window.toSeconds() % 3600 == 0) {
            return times(window.toHours(), "hour");
        }
        if (window.toSeconds() % 60 == 0) {
            return times(window.toMinutes(), "minute");
        }
        return times(window.toSeconds(), "second");
    }
}
