package io.vigil.common.machine;

import java.util.Locale;

/**
 * A machine's place: subscription, resource group and name, as first written. Names compare case-insensitively, so
 * {@link #key()} is what identifies the machine in storage.
 */
public record MachineRef(String subscriptionId, String resourceGroup, String name) {

    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/machines/" + name;
    }

    /** The resource id in lower case: equal for every spelling of the same machine. */
    public String key() {
        return resourceId().toLowerCase(Locale.ROOT);
    }

    public String resourceGroupId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup;
    }
}
