package io.vigil.recommendation.service;

import io.vigil.common.machine.MachineRef;
import java.util.Locale;

/** A resource group as a policy is read for it; {@link #key()} is equal for every spelling of its name. */
record GroupRef(String subscriptionId, String resourceGroup) {

    static GroupRef of(MachineRef machine) {
        return new GroupRef(machine.subscriptionId(), machine.resourceGroup());
    }

    String key() {
        return ("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup).toLowerCase(Locale.ROOT);
    }
}
