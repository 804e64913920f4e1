package io.vigil.recommendation.model;

import java.util.Locale;

/**
 * The parts of a resource id that the list filters use: {@code /subscriptions/{s}}, optionally followed by
 * {@code /resourceGroups/{rg}} and {@code /machines/{name}}.
 */
public record ResourcePath(String subscriptionId, String resourceGroup, String machine) {

    public static ResourcePath parse(String resourceId) {
        String[] parts = resourceId.split("/");
        if (parts.length < 3 || !parts[0].isEmpty() || !"subscriptions".equals(parts[1])) {
            throw new IllegalArgumentException("Not a subscription resource id: " + resourceId);
        }
        String resourceGroup = parts.length >= 5 && "resourceGroups".equals(parts[3]) ? parts[4] : null;
        String machine = parts.length >= 7 && "machines".equals(parts[5]) ? parts[6] : null;
        return new ResourcePath(parts[2], resourceGroup, machine);
    }

    public String resourceGroupKey() {
        return resourceGroup == null ? null : resourceGroup.toLowerCase(Locale.ROOT);
    }

    public String machineKey() {
        return machine == null ? null : machine.toLowerCase(Locale.ROOT);
    }
}
