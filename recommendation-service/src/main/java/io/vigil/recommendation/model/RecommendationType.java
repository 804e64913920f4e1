package io.vigil.recommendation.model;

import java.util.List;

/**
 * The recommendation catalogue: what each type is called and how a person fixes it. Steps name the operating system
 * where Linux and Windows differ, so one list serves both.
 */
public enum RecommendationType {
    EnableDataCollection(
            "Enable data collection",
            List.of(
                    "Open the security policy of the scope named in resourceId.",
                    "Set dataCollection to On (PUT .../policy with \"dataCollection\": \"On\").",
                    "Check that the agents of the scope's machines report again within a few minutes.")),
    RemediateOsVulnerabilities(
            "Remediate vulnerabilities in security configuration",
            List.of(
                    "Review each failed rule listed in details.failedRules and its expected value.",
                    "Linux: change the setting in the named configuration file (for example /etc/ssh/sshd_config)"
                            + " and restart the affected service.",
                    "Windows: change the setting with Group Policy or Local Security Policy (secpol.msc) and run"
                            + " gpupdate /force.",
                    "Run the baseline scan again to confirm that the rules pass.")),
    ApplySystemUpdates(
            "Apply system updates",
            List.of(
                    "Review the missing updates listed in details.updates.",
                    "Linux (Debian, Ubuntu): run 'sudo apt-get update && sudo apt-get upgrade'.",
                    "Linux (RHEL, Amazon Linux): run 'sudo yum update --security' or 'sudo dnf upgrade --security'.",
                    "Windows: open Settings > Windows Update and install the updates, or approve them in WSUS.",
                    "Reboot the machine if the update asks for it, then let the agent report again.")),
    RebootAfterSystemUpdates(
            "Reboot after system updates",
            List.of(
                    "Plan a maintenance window for the machine.",
                    "Linux: run 'sudo systemctl reboot'.",
                    "Windows: run 'shutdown /r /t 0' or restart from the Start menu.",
                    "Let the agent report again to confirm no reboot is pending.")),
    InstallEndpointProtection(
            "Install endpoint protection solution on virtual machines",
            List.of(
                    "Windows: turn on Microsoft Defender Antivirus (Windows Security > Virus & threat protection)"
                            + " or install the organisation's antimalware product.",
                    "Turn on real-time protection and update the signatures.",
                    "Let the agent report again to confirm that protection is installed.")),
    EnableVmAgent(
            "Enable the VM agent",
            List.of(
                    "Install the Vigil agent on the machine, or start it if it is installed.",
                    "Linux: run 'sudo systemctl enable --now vigil-agent'.",
                    "Windows: run 'Start-Service vigil-agent' in an elevated PowerShell.",
                    "Check that the machine's agentStatus becomes Reporting.")),
    ApplyDiskEncryption(
            "Apply disk encryption on your virtual machines",
            List.of(
                    "Back up the data of the volumes listed in details.volumes.",
                    "Linux: encrypt the volumes with LUKS (cryptsetup) and add them to /etc/crypttab.",
                    "Windows: turn on BitLocker for each volume (manage-bde -on <drive>:).",
                    "Let the agent report again to confirm that every volume is encrypted.")),
    VulnerabilityAssessmentNotInstalled(
            "Install a vulnerability assessment solution on your virtual machines",
            List.of(
                    "Install a vulnerability scanner on the machine (for example Trivy or Grype).",
                    "Linux: schedule a daily scan of the machine ('trivy rootfs --format json /' or"
                            + " 'grype dir:/ -o json') and send its report to Vigil"
                            + " (POST .../machines/{name}/scans?format=trivy or grype).",
                    "Windows: schedule a daily scan with a scanner that covers Windows and send its findings in the"
                            + " vulnerabilityAssessment section of the state report (POST .../machines/{name}/reports).",
                    "Let the agent report again to confirm that an assessment solution is reporting.")),
    RemediateVulnerabilities(
            "Remediate vulnerabilities found by the vulnerability assessment solution",
            List.of(
                    "Review the findings listed in details.findings, the most severe first.",
                    "Upgrade each package to its fixedVersion.",
                    "Linux: use the package manager (apt-get install --only-upgrade <package>, or yum update"
                            + " <package>).",
                    "Windows: install the vendor's update for the affected product.",
                    "For findings without a fixed version, apply the vendor's mitigation or remove the package.",
                    "Scan again to confirm the findings are gone."));

    private final String displayName;
    private final List<String> remediationSteps;

    RecommendationType(String displayName, List<String> remediationSteps) {
        this.displayName = displayName;
        this.remediationSteps = remediationSteps;
    }

    public String displayName() {
        return displayName;
    }

    public List<String> remediationSteps() {
        return remediationSteps;
    }
}
