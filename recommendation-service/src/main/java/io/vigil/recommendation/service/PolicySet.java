package io.vigil.recommendation.service;

import io.vigil.common.machine.MachineRef;
import io.vigil.common.policy.EffectivePolicy;
import java.util.Map;

/** The effective policies of the resource groups one batch touches, read before its transaction opens. */
record PolicySet(Map<String, EffectivePolicy> byGroup) {

    /** Null when the machine's resource group was not read, for a machine that appeared after the reads. */
    EffectivePolicy of(MachineRef machine) {
        return byGroup.get(GroupRef.of(machine).key());
    }
}
