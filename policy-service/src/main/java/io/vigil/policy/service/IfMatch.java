package io.vigil.policy.service;

import java.util.HashSet;
import java.util.Set;

/**
 * The condition an {@code If-Match} header sets on a write (RFC 9110, 13.1.1): none, any stored version ({@code *}),
 * or one of the listed versions. A scope never written has no stored version, so {@code *} does not match it.
 */
public final class IfMatch {

    public static final IfMatch NONE = new IfMatch(false, Set.of());
    public static final IfMatch ANY = new IfMatch(true, Set.of());

    private final boolean any;
    private final Set<Integer> versions;

    private IfMatch(boolean any, Set<Integer> versions) {
        this.any = any;
        this.versions = versions;
    }

    /**
     * Reads the header: {@code *}, or a list of ETags such as {@code "3"}, {@code W/"3"} or {@code 3}. A tag that is no
     * version this service hands out stays in the condition as one that matches nothing.
     */
    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        if (header.trim().equals("*")) {
            return ANY;
        }
        Set<Integer> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            versions.add(versionOf(tag.trim()));
        }
        return new IfMatch(false, Set.copyOf(versions));
    }

    /** Whether the caller asked for a conditional write at all. */
    public boolean conditional() {
        return this != NONE;
    }

    /** Whether the scope's current version, 0 when it was never written, meets the condition. */
    public boolean matches(int currentVersion) {
        if (this == NONE) {
            return true;
        }
        if (any) {
            return currentVersion > 0;
        }
        return versions.contains(currentVersion);
    }

    private static int versionOf(String tag) {
        String value = tag.startsWith("W/") ? tag.substring(2) : tag;
        value = value.replace("\"", "");
        try {
            int version = Integer.parseInt(value);
            return version >= 0 ? version : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
