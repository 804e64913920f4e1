package io.vigil.alert.config;

import io.quarkus.runtime.Startup;
import io.vigil.alert.detection.Catalogue;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.RuleSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogue's rules with the values this deployment runs with: the defaults, over which the configuration wins.
 * Built at start, so a wrong value (a threshold of 0, a negative window) stops the service instead of a detection.
 */
@Startup
@ApplicationScoped
public class DeployedRules {

    private final Map<String, RuleSettings> settings = new LinkedHashMap<>();

    public DeployedRules(AlertConfig config) {
        for (DetectionRule rule : Catalogue.RULES) {
            AlertConfig.RuleValues values = valuesOf(config, rule.ruleId());
            try {
                settings.put(
                        rule.ruleId(),
                        new RuleSettings(
                                values.enabled().orElse(rule.defaults().enabled()),
                                values.threshold().orElse(rule.defaults().threshold()),
                                values.window().orElse(rule.defaults().window())));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Detection rule " + rule.ruleId() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The values the rule runs with where no subscription overrides them. */
    public RuleSettings settings(DetectionRule rule) {
        return settings.get(rule.ruleId());
    }

    private static AlertConfig.RuleValues valuesOf(AlertConfig config, String ruleId) {
        return switch (ruleId) {
            case Catalogue.SSH_BRUTE_FORCE -> config.sshBruteForce();
            case Catalogue.RDP_BRUTE_FORCE -> config.rdpBruteForce();
            case Catalogue.SUCCESSFUL_LOGON_AFTER_BRUTE_FORCE -> config.successfulLogonAfterBruteForce();
            case Catalogue.NEW_LOCAL_ACCOUNT -> config.newLocalAccount();
            case Catalogue.ACCOUNT_ADDED_TO_ADMINISTRATORS -> config.accountAddedToAdministrators();
            case Catalogue.SECURITY_LOG_CLEARED -> config.securityLogCleared();
            case Catalogue.ENCODED_POWERSHELL -> config.encodedPowerShell();
            case Catalogue.MALWARE_DETECTED -> config.malwareDetected();
            case Catalogue.ANTIMALWARE_DISABLED -> config.antimalwareDisabled();
            case Catalogue.PORT_SCAN -> config.portScan();
            default -> throw new IllegalStateException("Detection rule " + ruleId + " has no configuration keys");
        };
    }
}
