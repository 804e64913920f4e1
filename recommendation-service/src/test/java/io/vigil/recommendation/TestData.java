package io.vigil.recommendation;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.state.StateReport;
import java.time.Instant;
import java.util.List;

/** Named report sections and policies shared by the tests. */
public final class TestData {

    public static final Instant MONDAY = Instant.parse("2026-11-30T10:00:00Z");
    public static final Instant TUESDAY = Instant.parse("2026-12-01T10:00:00Z");
    public static final Instant WEDNESDAY = Instant.parse("2026-12-02T10:00:00Z");

    public static final StateReport.MissingUpdate OPENSSL_SECURITY_UPDATE = new StateReport.MissingUpdate(
            "DSA-5343-1",
            "openssl security update",
            StateReport.Classification.Security,
            StateReport.Severity.High,
            List.of("CVE-2023-0286"));
    public static final StateReport.MissingUpdate KERNEL_CRITICAL_UPDATE = new StateReport.MissingUpdate(
            "KB5034441",
            "Windows Recovery Environment update",
            StateReport.Classification.Critical,
            StateReport.Severity.High,
            List.of("CVE-2024-20666"));
    public static final StateReport.MissingUpdate MANPAGES_OTHER_UPDATE = new StateReport.MissingUpdate(
            "DLU-3110-1", "manpages-dev update", StateReport.Classification.Other, null, List.of());

    public static final StateReport.Updates ONE_SECURITY_UPDATE_MISSING =
            new StateReport.Updates(List.of(OPENSSL_SECURITY_UPDATE, MANPAGES_OTHER_UPDATE), false);
    public static final StateReport.Updates NO_UPDATE_MISSING = new StateReport.Updates(List.of(), false);

    public static final StateReport.Volume UNENCRYPTED_ROOT =
            new StateReport.Volume("/", StateReport.VolumeKind.Os, false);
    public static final StateReport.Volume ENCRYPTED_ROOT =
            new StateReport.Volume("/", StateReport.VolumeKind.Os, true);
    public static final StateReport.Volume ENCRYPTED_DATA =
            new StateReport.Volume("/var/lib/data", StateReport.VolumeKind.Data, true);

    public static final StateReport.DiskEncryption ROOT_UNENCRYPTED =
            new StateReport.DiskEncryption(List.of(UNENCRYPTED_ROOT, ENCRYPTED_DATA));
    public static final StateReport.DiskEncryption ALL_ENCRYPTED =
            new StateReport.DiskEncryption(List.of(ENCRYPTED_ROOT, ENCRYPTED_DATA));

    /** The finding of the Trivy fixture amazonlinux2-gp2-x86-vm.json. */
    public static final StateReport.Finding BIND_FINDING = new StateReport.Finding(
            "CVE-2022-38177",
            "bind-export-libs",
            "32:9.11.4-26.P2.amzn2.5.2",
            "99:9.11.4-26.P2.amzn2.13",
            StateReport.Severity.Medium,
            null);
    /** The CRITICAL finding of the Trivy fixture debian-buster.json. */
    public static final StateReport.Finding LIBIDN_FINDING = new StateReport.Finding(
            "CVE-2019-18224", "libidn2-0", "2.0.5-1", "2.0.5-1+deb10u1", StateReport.Severity.High, null);

    public static final StateReport.RuleOutcome SSH_ROOT_LOGIN_FAILED = new StateReport.RuleOutcome(
            "ssh-root-login",
            "Disable SSH root login",
            StateReport.Severity.High,
            StateReport.RuleResult.Fail,
            "PermitRootLogin no",
            "PermitRootLogin yes");
    public static final StateReport.RuleOutcome PASSWORD_AGE_PASSED = new StateReport.RuleOutcome(
            "password-max-age",
            "Maximum password age",
            StateReport.Severity.Medium,
            StateReport.RuleResult.Pass,
            "90",
            "60");

    public static final StateReport.Baseline FAILING_BASELINE =
            new StateReport.Baseline(List.of(SSH_ROOT_LOGIN_FAILED, PASSWORD_AGE_PASSED));
    public static final StateReport.Baseline PASSING_BASELINE = new StateReport.Baseline(List.of(PASSWORD_AGE_PASSED));

    public static final StateReport.VulnerabilityAssessment TWO_FINDINGS =
            new StateReport.VulnerabilityAssessment(true, "trivy", List.of(BIND_FINDING, LIBIDN_FINDING));

    public static final StateReport.EndpointProtection NO_ANTIMALWARE =
            new StateReport.EndpointProtection(false, null, null, null);

    public static final RecommendationSwitches ALL_ON = RecommendationSwitches.ALL_ON;

    private TestData() {}

    /** A scanner that found nothing: a machine that reports it has no assessment recommendation to answer. */
    public static final StateReport.VulnerabilityAssessment CLEAN_SCAN =
            new StateReport.VulnerabilityAssessment(true, "trivy", List.of());

    /** A report of updates and disks from a machine whose vulnerability scanner reports nothing found. */
    public static StateReport report(
            Instant collectedAt, StateReport.Updates updates, StateReport.DiskEncryption disk) {
        return new StateReport(collectedAt, updates, null, disk, null, CLEAN_SCAN);
    }

    /** Defender with real-time protection on, its signatures updated at the moment given. */
    public static StateReport.EndpointProtection defender(Instant signaturesUpdatedAt) {
        return new StateReport.EndpointProtection(true, "Microsoft Defender", true, signaturesUpdatedAt);
    }

    public static EffectivePolicy policy(
            String subscriptionId,
            String resourceGroup,
            Switch dataCollection,
            ValueSource dataCollectionSource,
            RecommendationSwitches switches) {
        EffectivePolicy.RecommendationSources defaults = new EffectivePolicy.RecommendationSources(
                ValueSource.DEFAULT,
                ValueSource.DEFAULT,
                ValueSource.DEFAULT,
                ValueSource.DEFAULT,
                ValueSource.DEFAULT);
        return new EffectivePolicy(
                subscriptionId,
                resourceGroup,
                dataCollection,
                PricingTier.Free,
                switches,
                SecurityContact.NONE,
                15,
                new EffectivePolicy.Sources(
                        dataCollectionSource, ValueSource.DEFAULT, defaults, ValueSource.DEFAULT, ValueSource.DEFAULT));
    }

    public static EffectivePolicy collectingPolicy(String subscriptionId, String resourceGroup) {
        return policy(subscriptionId, resourceGroup, Switch.On, ValueSource.SUBSCRIPTION, ALL_ON);
    }

    public static RecommendationSwitches allOnExcept(String off) {
        return new RecommendationSwitches(
                off.equals("systemUpdates") ? Switch.Off : Switch.On,
                off.equals("securityConfigurations") ? Switch.Off : Switch.On,
                off.equals("endpointProtection") ? Switch.Off : Switch.On,
                off.equals("diskEncryption") ? Switch.Off : Switch.On,
                off.equals("vulnerabilityAssessment") ? Switch.Off : Switch.On);
    }
}
