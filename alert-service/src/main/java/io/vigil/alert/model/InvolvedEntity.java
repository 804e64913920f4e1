package io.vigil.alert.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Something an alert is about: an address ({@code ip}), a machine ({@code host}) or an account. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvolvedEntity(String type, String address, String resourceId, String name) {

    public static InvolvedEntity ip(String address) {
        return new InvolvedEntity("ip", address, null, null);
    }

    public static InvolvedEntity host(String resourceId) {
        return new InvolvedEntity("host", null, resourceId, null);
    }

    public static InvolvedEntity account(String name) {
        return new InvolvedEntity("account", null, null, name);
    }
}
