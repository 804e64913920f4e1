package io.vigil.collector.support;

import io.vigil.common.policy.Switch;
import io.vigil.testing.Callers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Test inputs read from src/test/resources, and fresh names that keep tests apart in the shared database. */
public final class TestData {

    private TestData() {}

    public static String resource(String path) {
        try (InputStream in = TestData.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String newSubscription() {
        return "sub-" + UUID.randomUUID();
    }

    /** A fresh subscription whose policy has data collection on, called as a SecurityAdmin granted it. */
    public static String collectingSubscription() {
        Callers.everyRequestAsAdmin();
        String subscription = newSubscription();
        PolicyStub.dataCollection(subscription, Switch.On);
        return subscription;
    }
}
