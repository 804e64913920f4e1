package io.vigil.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.SshBruteForceDetection;
import java.time.Duration;

/** Operators tune the detections here, without a new build: every key can also be set from the environment. */
@ConfigMapping(prefix = "vigil.alert")
public interface AlertConfig {

    /** {@code vigil.alert.ssh-brute-force.*}: failed SSH logons from one source against one machine. */
    BruteForce sshBruteForce();

    /** How many triggering events an alert shows as evidence from each end (the first ones and the latest ones). */
    @WithDefault("10")
    int evidencePerEnd();

    interface BruteForce {

        @WithDefault("true")
        boolean enabled();

        /** Failed logons (a repeated entry counts as many times as it repeats) that raise an alert. */
        @WithDefault("10")
        int threshold();

        /** The span, by event time, inside which the threshold must be reached. */
        @WithDefault("PT5M")
        Duration window();
    }

    default DetectionRule sshBruteForceRule() {
        BruteForce settings = sshBruteForce();
        return new DetectionRule(
                SshBruteForceDetection.RULE_ID, settings.enabled(), settings.threshold(), settings.window());
    }
}
