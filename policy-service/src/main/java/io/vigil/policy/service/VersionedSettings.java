package io.vigil.policy.service;

import io.vigil.policy.model.PolicySettings;

/** A scope's settings with the version its ETag names; version 0 is a scope never written. */
public record VersionedSettings(PolicySettings settings, int version) {

    public String etag() {
        return "\"" + version + "\"";
    }
}
