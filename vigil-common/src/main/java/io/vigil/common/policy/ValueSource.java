package io.vigil.common.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an effective policy value came from. */
public enum ValueSource {
    SUBSCRIPTION("subscription"),
    RESOURCE_GROUP("resourceGroup"),
    DEFAULT("default");

    private final String json;

    ValueSource(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
