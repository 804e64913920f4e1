package io.vigil.alert.detection;

import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.Severity;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every detection this service runs, as data: one rule per alert type, with its defaults. Operators change the
 * defaults in the configuration; a subscription may override enabled, threshold and window.
 */
public final class Catalogue {

    public static final String SSH_BRUTE_FORCE = "SshBruteForce";
    public static final String RDP_BRUTE_FORCE = "RdpBruteForce";
    public static final String SUCCESSFUL_LOGON_AFTER_BRUTE_FORCE = "SuccessfulLogonAfterBruteForce";
    public static final String NEW_LOCAL_ACCOUNT = "NewLocalAccount";
    public static final String ACCOUNT_ADDED_TO_ADMINISTRATORS = "AccountAddedToAdministrators";
    public static final String SECURITY_LOG_CLEARED = "SecurityLogCleared";
    public static final String ENCODED_POWERSHELL = "EncodedPowerShell";
    public static final String MALWARE_DETECTED = "MalwareDetected";
    public static final String ANTIMALWARE_DISABLED = "AntimalwareDisabled";
    public static final String PORT_SCAN = "PortScan";

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration ONE_HOUR = Duration.ofHours(1);

    /** Windows logon types 3 (network, as RDP with Network Level Authentication fails) and 10 (remote interactive). */
    private static final Condition REMOTE_LOGON_TYPES = Condition.in(EventField.LOGON_TYPE, "3", "10");

    private static final Condition DOMAIN_ADMIN_GROUPS =
            Condition.in(EventField.GROUP, "Domain Admins", "Enterprise Admins", "Schema Admins");

    private static final String BLOCK_SOURCE =
            "Block the source address in the host firewall or the network security group in front of the machine.";

    public static final List<DetectionRule> RULES = List.of(
            new DetectionRule(
                    SSH_BRUTE_FORCE,
                    AlertType.SshBruteForce,
                    "Failed SSH brute force attack",
                    "Many failed SSH logons from one source address against one machine within a short window",
                    Severity.Medium,
                    "CredentialAccess",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Authentication,
                    Set.of(EventAction.LogonFailed),
                    List.of(Condition.startsWith(EventField.PROGRAM, "sshd")),
                    EventField.SOURCE_ADDRESS,
                    null,
                    new RuleSettings(true, 10, FIVE_MINUTES),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            BLOCK_SOURCE,
                            "Allow SSH (port 22) only from the management addresses that need it, or behind a VPN"
                                    + " or bastion host.",
                            "Linux: set 'PasswordAuthentication no' and 'PermitRootLogin no' in"
                                    + " /etc/ssh/sshd_config, then reload sshd, so that only key-based logons are"
                                    + " accepted.",
                            "Linux: block sources after repeated failures automatically, for example with fail2ban.",
                            "Windows (OpenSSH Server): set 'PasswordAuthentication no' in"
                                    + " %ProgramData%\\ssh\\sshd_config and restart the sshd service; enforce an"
                                    + " account lockout policy for local accounts.",
                            "If a logon from this address succeeded, treat the machine as compromised: change the"
                                    + " passwords of the accounts tried and review what those accounts did.")),
            new DetectionRule(
                    RDP_BRUTE_FORCE,
                    AlertType.RdpBruteForce,
                    "Failed RDP brute force attack",
                    "Many failed Windows network or Remote Desktop logons (logon type 3 or 10) from one source"
                            + " address against one machine within a short window",
                    Severity.Medium,
                    "CredentialAccess",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Authentication,
                    Set.of(EventAction.LogonFailed),
                    List.of(REMOTE_LOGON_TYPES),
                    EventField.SOURCE_ADDRESS,
                    null,
                    new RuleSettings(true, 10, FIVE_MINUTES),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            BLOCK_SOURCE,
                            "Do not expose Remote Desktop (port 3389) to the internet: reach it through a VPN,"
                                    + " a Remote Desktop Gateway or just-in-time access.",
                            "Windows: require Network Level Authentication, set an account lockout policy (Local"
                                    + " Security Policy > Account Policies > Account Lockout Policy) and rename or"
                                    + " disable the built-in Administrator account.",
                            "Linux (xrdp): allow port 3389 only from management addresses in the firewall and"
                                    + " block repeating sources with fail2ban.",
                            "If a logon from this address succeeded, treat the machine as compromised: change the"
                                    + " passwords of the accounts tried and review their recent activity.")),
            new DetectionRule(
                    SUCCESSFUL_LOGON_AFTER_BRUTE_FORCE,
                    AlertType.SuccessfulLogonAfterBruteForce,
                    "Successful logon after a brute force attack",
                    "A successful logon from a source address that, within the window before it, was brute-forcing"
                            + " the same machine: its failed logons reached the SSH or RDP brute force rule's"
                            + " threshold within that rule's window",
                    Severity.High,
                    "InitialAccess",
                    DetectionRule.Kind.LOGON_AFTER_FAILURES,
                    EventCategory.Authentication,
                    Set.of(EventAction.LogonFailed, EventAction.LogonSucceeded),
                    List.of(),
                    EventField.SOURCE_ADDRESS,
                    null,
                    new RuleSettings(true, 1, ONE_HOUR),
                    null,
                    List.of(),
                    List.of(SSH_BRUTE_FORCE, RDP_BRUTE_FORCE),
                    List.of(
                            "Treat the machine as compromised: isolate it from the network until it is examined.",
                            "Disable the accounts that logged on, end their sessions, and change their passwords"
                                    + " from a clean machine.",
                            BLOCK_SOURCE,
                            "Linux: review 'last', 'lastlog', /var/log/secure or /var/log/auth.log, new keys in"
                                    + " ~/.ssh/authorized_keys, crontabs and new systemd units.",
                            "Windows: review Security events 4624 and 4688 for the logon session, new services,"
                                    + " scheduled tasks and Run keys; run a full antimalware scan.")),
            new DetectionRule(
                    NEW_LOCAL_ACCOUNT,
                    AlertType.NewLocalAccount,
                    "New local account created",
                    "A local user account was created on a machine",
                    Severity.Low,
                    "Persistence",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Account,
                    Set.of(EventAction.AccountCreated),
                    List.of(),
                    EventField.ACCOUNT,
                    null,
                    new RuleSettings(true, 1, ONE_HOUR),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            "Confirm with the machine's owners that the account was created on purpose.",
                            "Linux: if not, lock it with 'usermod -L NAME' and 'chage -E0 NAME', then remove it"
                                    + " with 'userdel -r NAME'; check /etc/passwd, /etc/sudoers.d and"
                                    + " ~NAME/.ssh/authorized_keys.",
                            "Windows: if not, disable it with 'Disable-LocalUser -Name NAME' and remove it with"
                                    + " 'Remove-LocalUser -Name NAME'; review Security event 4720 for who created it.",
                            "Find out how the creator obtained the rights to create accounts.")),
            new DetectionRule(
                    ACCOUNT_ADDED_TO_ADMINISTRATORS,
                    AlertType.AccountAddedToAdministrators,
                    "Account added to an administrators group",
                    "An account was added to a group that grants administrative rights (Administrators, Domain"
                            + " Admins, Enterprise Admins, sudo, wheel, admin)",
                    Severity.Medium,
                    "PrivilegeEscalation",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Group,
                    Set.of(EventAction.MemberAdded),
                    List.of(Condition.in(
                            EventField.GROUP,
                            "Administrators",
                            "Domain Admins",
                            "Enterprise Admins",
                            "Schema Admins",
                            "sudo",
                            "wheel",
                            "admin")),
                    EventField.ACCOUNT,
                    null,
                    new RuleSettings(true, 1, ONE_HOUR),
                    new Escalation(DOMAIN_ADMIN_GROUPS, Severity.High, "added to a domain-wide administrators group"),
                    List.of(EventField.PROGRAM, EventField.ACCOUNT, EventField.GROUP),
                    List.of(),
                    List.of(
                            "Confirm that the change was approved; if not, remove the account from the group at"
                                    + " once.",
                            "Linux: 'gpasswd -d NAME sudo' (or wheel, admin); review /etc/group and"
                                    + " /etc/sudoers.d.",
                            "Windows: 'Remove-LocalGroupMember -Group Administrators -Member NAME', or for a domain"
                                    + " group 'Remove-ADGroupMember'; review Security events 4728, 4732 and 4756.",
                            "Find out who made the change and how they had the rights to.")),
            new DetectionRule(
                    SECURITY_LOG_CLEARED,
                    AlertType.SecurityLogCleared,
                    "Security event log cleared",
                    "The security audit log of a machine was cleared, which hides what happened before",
                    Severity.Medium,
                    "DefenseEvasion",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Audit,
                    Set.of(EventAction.LogCleared),
                    List.of(),
                    EventField.ACCOUNT,
                    null,
                    new RuleSettings(true, 1, ONE_HOUR),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            "Ask the account that cleared the log why; clearing it is rarely part of normal work.",
                            "Windows: review Security event 1102 and what the account did before and after; restrict"
                                    + " 'Manage auditing and security log' to the few who need it.",
                            "Linux: check that /var/log/secure, /var/log/auth.log and the journal were not truncated,"
                                    + " and forward logs to a remote collector so that a local clear loses nothing.",
                            "Treat the machine as possibly compromised until the cause is known.")),
            new DetectionRule(
                    ENCODED_POWERSHELL,
                    AlertType.EncodedPowerShell,
                    "Encoded PowerShell command",
                    "PowerShell was started with an encoded (Base64) command, a common way to hide what a script"
                            + " does",
                    Severity.Medium,
                    "Execution",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Process,
                    Set.of(EventAction.ProcessCreated),
                    List.of(
                            Condition.fileNameIn(EventField.IMAGE, "powershell.exe", "pwsh.exe", "powershell", "pwsh"),
                            Condition.matches(EventField.COMMAND_LINE, EncodedCommands.FLAG)),
                    EventField.ACCOUNT,
                    null,
                    new RuleSettings(true, 1, ONE_HOUR),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            "Decode the command (Base64 of UTF-16LE text) and find out what it does and what"
                                    + " started it (the parent process).",
                            "Windows: turn on PowerShell script block logging and module logging, use Constrained"
                                    + " Language Mode or application control (WDAC, AppLocker) for users who need no"
                                    + " scripts.",
                            "Linux (pwsh): find the parent process and the user's crontab, shell history and"
                                    + " systemd units that start it.",
                            "If the command was not expected, isolate the machine and run a full antimalware"
                                    + " scan.")),
            new DetectionRule(
                    MALWARE_DETECTED,
                    AlertType.MalwareDetected,
                    "Malware detected",
                    "The machine's antimalware found malicious software",
                    Severity.High,
                    "Execution",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Antimalware,
                    Set.of(EventAction.MalwareDetected, EventAction.MalwareActionTaken),
                    List.of(),
                    EventField.THREAT,
                    null,
                    new RuleSettings(true, 1, ONE_HOUR),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            "Check that the antimalware quarantined or removed the file; if not, isolate the"
                                    + " machine.",
                            "Linux (ClamAV): move the file away with 'clamscan --move=/var/quarantine FILE', then"
                                    + " run a full scan with 'clamscan -r -i /'.",
                            "Windows (Microsoft Defender): run 'Start-MpScan -ScanType FullScan' and review"
                                    + " 'Get-MpThreatDetection'.",
                            "Find out how the file arrived (download, mail, removable media, another machine) and"
                                    + " look for it elsewhere.")),
            new DetectionRule(
                    ANTIMALWARE_DISABLED,
                    AlertType.AntimalwareDisabled,
                    "Antimalware protection disabled",
                    "The machine's antimalware reported its protection switched off, or a state report showed"
                            + " real-time protection going from on to off",
                    Severity.Medium,
                    "DefenseEvasion",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Antimalware,
                    Set.of(EventAction.ProtectionDisabled),
                    List.of(),
                    null,
                    null,
                    new RuleSettings(true, 1, ONE_HOUR),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            "Turn protection back on and find out who or what switched it off.",
                            "Windows: 'Set-MpPreference -DisableRealtimeMonitoring $false'; enable tamper protection"
                                    + " so that local changes are refused.",
                            "Linux: restart the scanner ('systemctl enable --now clamav-daemon clamav-clamonacc') and"
                                    + " check that on-access scanning is configured.",
                            "Run a full scan: malware often switches protection off first.")),
            new DetectionRule(
                    PORT_SCAN,
                    AlertType.PortScan,
                    "Port scan",
                    "One source address blocked by the host firewall on many distinct destination ports of one"
                            + " machine within a short window",
                    Severity.Low,
                    "Discovery",
                    DetectionRule.Kind.WINDOW,
                    EventCategory.Firewall,
                    Set.of(EventAction.ConnectionBlocked),
                    List.of(),
                    EventField.SOURCE_ADDRESS,
                    EventField.DESTINATION_PORT,
                    new RuleSettings(true, 15, FIVE_MINUTES),
                    null,
                    List.of(),
                    List.of(),
                    List.of(
                            BLOCK_SOURCE,
                            "Check that only the ports the machine must serve are reachable, and from whom.",
                            "Linux: list listening services with 'ss -tulpn' and close what is not needed; keep"
                                    + " the firewall's default policy to drop.",
                            "Windows: list listening services with 'Get-NetTCPConnection -State Listen' and keep"
                                    + " Windows Defender Firewall on for every profile.",
                            "Watch for logons or other alerts from the same address: scans come before attacks.")));

    private Catalogue() {}

    public static Optional<DetectionRule> find(String ruleId) {
        return RULES.stream().filter(rule -> rule.ruleId().equals(ruleId)).findFirst();
    }
}
