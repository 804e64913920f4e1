package io.vigil.alert.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something an alert is about: an address ({@code ip}), a machine ({@code host}), an {@code account}, a
 * {@code process} (its command line), a {@code file} or a {@code malware} (the threat's name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvolvedEntity(String type, String address, String resourceId, String name, String commandLine) {

    public static InvolvedEntity ip(String address) {
        return new InvolvedEntity("ip", address, null, null, null);
    }

    public static InvolvedEntity host(String resourceId) {
        return new InvolvedEntity("host", null, resourceId, null, null);
    }

    public static InvolvedEntity account(String name) {
        return new InvolvedEntity("account", null, null, name, null);
    }

    public static InvolvedEntity process(String image, String commandLine) {
        return new InvolvedEntity("process", null, null, image, commandLine);
    }

    public static InvolvedEntity file(String name) {
        return new InvolvedEntity("file", null, null, name, null);
    }

    public static InvolvedEntity malware(String name) {
        return new InvolvedEntity("malware", null, null, name, null);
    }
}
