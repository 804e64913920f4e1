package io.vigil.common.policy;

/** The prevention policies: one switch per recommendation family. A null switch is not set at this scope. */
public record RecommendationSwitches(
        Switch systemUpdates,
        Switch securityConfigurations,
        Switch endpointProtection,
        Switch diskEncryption,
        Switch vulnerabilityAssessment) {

    public static final RecommendationSwitches ALL_ON =
            new RecommendationSwitches(Switch.On, Switch.On, Switch.On, Switch.On, Switch.On);
}
