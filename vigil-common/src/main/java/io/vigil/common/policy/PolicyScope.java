package io.vigil.common.policy;

import java.util.Locale;

/** A resource group whose effective policy is read; {@link #key()} is equal for every spelling of its name. */
public record PolicyScope(String subscriptionId, String resourceGroup) {

    /** The resource group's id in lower case, as {@code /subscriptions/{sub}/resourcegroups/{rg}}. */
    public String key() {
        return ("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup).toLowerCase(Locale.ROOT);
    }

    /** The resource group's name as policies store it: in lower case. */
    String groupKey() {
        return resourceGroup.toLowerCase(Locale.ROOT);
    }
}
