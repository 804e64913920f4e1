package io.vigil.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** The checkout under test: where its services live and what their own settings say. */
final class Project {

    static final List<String> SERVICES =
            List.of("policy-service", "collector-service", "recommendation-service", "alert-service");

    static final Path ROOT =
            Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();

    static final String VERSION = System.getProperty("vigil.version", "0.1.0-SNAPSHOT");

    private Project() {}

    static Path k8s() {
        return ROOT.resolve("k8s");
    }

    /** A service's application.properties as the production profile reads it: profile-specific keys left out. */
    static Properties settings(String service) {
        Properties all = new Properties();
        try (Reader reader =
                Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            all.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties production = new Properties();
        all.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .forEach(key -> production.setProperty(key, all.getProperty(key)));
        return production;
    }

    static int httpPort(String service) {
        return Integer.parseInt(settings(service).getProperty("quarkus.http.port"));
    }

    /** The services whose credentials this service accepts on its internal endpoints. */
    static Set<String> callers(String service) {
        return servicesNamedUnder(service, "vigil.security.callers.");
    }

    /** The services this service calls: policy-service's effective policies, and its outbox's receivers. */
    static Set<String> callees(String service) {
        Set<String> callees = servicesNamedUnder(service, "vigil.outbox.destinations.");
        if (settings(service).getProperty("quarkus.rest-client.policy.url") != null) {
            callees.add("policy-service");
        }
        return callees;
    }

    private static Set<String> servicesNamedUnder(String service, String prefix) {
        Set<String> names = new TreeSet<>();
        for (String key : settings(service).stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                names.add(key.substring(prefix.length()) + "-service");
            }
        }
        return names;
    }
}
