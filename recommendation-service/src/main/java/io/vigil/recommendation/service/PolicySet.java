package io.vigil.recommendation.service;

import io.vigil.common.machine.MachineRef;
import io.vigil.common.policy.EffectivePolicy;
import java.util.Locale;
import java.util.Map;

/** The effective policies of the resource groups one batch touches, read before its transaction opens. */
record PolicySet(Map<String, EffectivePolicy> byScope) {

    static String scopeOf(MachineRef machine) {
        return machine.resourceGroupId().toLowerCase(Locale.ROOT);
    }

    EffectivePolicy of(MachineRef machine) {
        return byScope.get(scopeOf(machine));
    }
}
