package io.vigil.common.validation;

import io.vigil.common.machine.MachineRef;
import io.vigil.common.problem.ApiException;
import java.util.regex.Pattern;

/**
 * The shapes of the names that appear in resource ids. Checked before anything reaches a query, so a hostile value is
 * a 400 and never a 500.
 */
public final class Identifiers {

    private static final Pattern SUBSCRIPTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[A-Za-z0-9_\\-.()]{0,89}[A-Za-z0-9_\\-()]");
    /** Not dots alone: "." and ".." are dot segments that HTTP removes, so no URL could ever name such a machine. */
    private static final Pattern MACHINE = Pattern.compile("(?!\\.+$)[A-Za-z0-9_\\-.]{1,64}");

    private Identifiers() {}

    public static String subscription(String value) {
        return require(
                "subscriptionId",
                value,
                SUBSCRIPTION,
                "must be 1-64 of a-z, 0-9 and '-', starting with a letter or digit");
    }

    public static String resourceGroup(String value) {
        return require(
                "resourceGroup",
                value,
                RESOURCE_GROUP,
                "must be 1-90 of letters, digits, '_', '-', '.', '(', ')', not ending in '.'");
    }

    public static String machine(String value) {
        return require("machine", value, MACHINE, "must be 1-64 of letters, digits, '_', '-', '.', not dots alone");
    }

    /** A machine's place, each name checked: the first that breaks its rule is the 400. */
    public static MachineRef machineRef(String subscriptionId, String resourceGroup, String name) {
        subscription(subscriptionId);
        resourceGroup(resourceGroup);
        machine(name);
        return new MachineRef(subscriptionId, resourceGroup, name);
    }

    /** The same checks for a machine named in a message from another service. */
    public static MachineRef machineRef(MachineRef machine) {
        return machineRef(machine.subscriptionId(), machine.resourceGroup(), machine.name());
    }

    public static boolean isMachine(String value) {
        return value != null && MACHINE.matcher(value).matches();
    }

    public static boolean isResourceGroup(String value) {
        return value != null && RESOURCE_GROUP.matcher(value).matches();
    }

    private static String require(String field, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ApiException.badRequest(field, field + " " + rule);
        }
        return value;
    }
}
