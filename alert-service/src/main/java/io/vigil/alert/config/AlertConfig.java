package io.vigil.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Operators tune the service here, without a new build; every key can also be set from the environment (for example
 * {@code VIGIL_ALERT_SSH_BRUTE_FORCE_THRESHOLD}). A rule's keys left unset keep the catalogue's defaults.
 */
@ConfigMapping(prefix = "vigil.alert")
public interface AlertConfig {

    /** {@code vigil.alert.ssh-brute-force.*} */
    RuleValues sshBruteForce();

    /** {@code vigil.alert.rdp-brute-force.*} */
    RuleValues rdpBruteForce();

    /** {@code vigil.alert.successful-logon-after-brute-force.*} */
    RuleValues successfulLogonAfterBruteForce();

    /** {@code vigil.alert.new-local-account.*} */
    RuleValues newLocalAccount();

    /** {@code vigil.alert.account-added-to-administrators.*} */
    RuleValues accountAddedToAdministrators();

    /** {@code vigil.alert.security-log-cleared.*} */
    RuleValues securityLogCleared();

    /** {@code vigil.alert.encoded-power-shell.*} */
    RuleValues encodedPowerShell();

    /** {@code vigil.alert.malware-detected.*} */
    RuleValues malwareDetected();

    /** {@code vigil.alert.antimalware-disabled.*} */
    RuleValues antimalwareDisabled();

    /** {@code vigil.alert.port-scan.*} */
    RuleValues portScan();

    /** How many triggering events an alert keeps as evidence from each end (the first ones and the latest ones). */
    @WithDefault("10")
    int evidencePerEnd();

    Retention retention();

    /** A rule's values in this deployment; each one left out keeps the catalogue's default. */
    interface RuleValues {

        Optional<Boolean> enabled();

        /** Occurrences (a repeated entry counts as many times as it repeats), or distinct values, that raise. */
        Optional<Integer> threshold();

        /** The span of event time inside which the threshold must be reached. */
        Optional<Duration> window();
    }

    interface Retention {

        /** How long events are kept, by event time; whole days are dropped at once. */
        @WithDefault("P30D")
        Duration events();

        /** How long resolved and dismissed alerts are kept after their last event. */
        @WithDefault("P365D")
        Duration alerts();

        /** How many days of event partitions exist ahead of today. */
        @WithDefault("7")
        int partitionsAhead();

        /** How often partitions are created and old events and alerts removed; {@code off} never (tests). */
        @WithDefault("1h")
        String interval();
    }
}
