package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' container images, built by Quarkus's Jib extension in this run and pushed to a registry on loopback.
 * scripts/test.sh starts the registry and builds the images' JRE base from Debian packages, so the test needs no outside
 * registry. Skipped, with the reason printed, where no registry could be had.
 */
class ContainerImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRY = System.getProperty("vigil.images.registry", "");
    private static final int IMAGE_PORT = 18181;
    private static final String CONTAINER = "vigil-image-test";
    /**
     * What podman says when the machine cannot run containers at all: resource limits or cgroups it may not set, user
     * namespaces it may not make, no such container runtime. Any other failure (an image that cannot be pulled or does
     * not start, a wrong option) fails the test.
     */
    private static final Pattern CANNOT_RUN_CONTAINERS = Pattern.compile(
            "(?i)rlimit|cgroup|newuidmap|newgidmap|user namespace|unshare|OCI runtime \"[^\"]*\" not found");

    @BeforeAll
    static void imagesWereBuilt() {
        if (REGISTRY.isBlank()) {
            String reason = System.getProperty("vigil.images.skip-reason", "");
            Overlays.skip("no images were built in this run: "
                    + (reason.isBlank() ? "scripts/test.sh builds them into a registry on loopback" : reason));
        }
    }

    @Test
    void everyImageRunsJavaAsUid185OnItsPortTaggedWithTheVersionAndLabelled() throws Exception {
        Map<String, String> sizes = new TreeMap<>();
        for (String service : Project.SERVICES) {
            String image = "docker://" + image(service);
            JsonNode config =
                    JSON.readTree(skopeo("inspect", "--config", image)).path("config");
            assertEquals("185", config.path("User").asText(), service);
            assertTrue(config.path("ExposedPorts").has(Project.httpPort(service) + "/tcp"), config.toString());
            List<String> entrypoint = new ArrayList<>();
            config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
            assertEquals("java", entrypoint.get(0), service);
            assertEquals(
                    List.of("-jar", "quarkus-run.jar"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
            JsonNode labels = config.path("Labels");
            assertEquals(service, labels.path("org.opencontainers.image.title").asText());
            assertEquals(
                    Project.VERSION,
                    labels.path("org.opencontainers.image.version").asText());

            long bytes = 0;
            for (JsonNode layer :
                    JSON.readTree(skopeo("inspect", "--raw", image)).path("layers")) {
                bytes += layer.path("size").asLong();
            }
            sizes.put(service, bytes / (1024 * 1024) + " MiB compressed");
            assertTrue(bytes < 300L * 1024 * 1024, service + " image is " + bytes + " bytes");
        }
        System.out.println("[deployment-tests] image sizes " + sizes);
    }

    @Test
    void policyServicesImageStartsReadOnlyAndBecomesReadyAgainstPostgres() throws Exception {
        if (!Command.installed("podman")) {
            Overlays.skip("podman is not installed, so no image is started");
        }
        ServiceProcess.dropSchema("policy");
        String service = "policy-service";
        List<String> run = new ArrayList<>(List.of(
                "podman",
                "run",
                "-d",
                "--name",
                CONTAINER,
                "--runtime",
                "runc",
                "--ulimit",
                "nofile=1024:1024",
                "--ulimit",
                "nproc=4096:4096",
                "--network",
                "host",
                "--read-only",
                "--tmpfs",
                "/tmp",
                "--tls-verify=false",
                "--pull=always"));
        Map<String, String> environment = new TreeMap<>(ServiceProcess.baseEnvironment(IMAGE_PORT));
        // The key file is not in the image: any JWKS URL will do, tokens are not used here.
        environment.put("VIGIL_OIDC_PUBLIC_KEY_LOCATION", "https://identity.example.com/.well-known/jwks.json");
        environment.put("VIGIL_LOG_JSON", "true");
        for (String receiver : List.of("COLLECTOR", "RECOMMENDATION", "ALERT")) {
            environment.put("VIGIL_" + receiver + "_URL", "http://127.0.0.1:9");
        }
        for (String variable : List.of("VIGIL_DB_HOST", "VIGIL_DB_PORT", "VIGIL_DB_USER", "VIGIL_DB_PASSWORD")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                environment.put(variable, value);
            }
        }
        environment.forEach((name, value) -> run.addAll(List.of("-e", name + "=" + value)));
        run.add(image(service));

        Command.run(Duration.ofSeconds(60), "podman", "rm", "-f", CONTAINER);
        Command started = Command.run(Duration.ofMinutes(3), run.toArray(String[]::new));
        if (started.exitCode() != 0) {
            String errors = started.errors().strip();
            if (CANNOT_RUN_CONTAINERS.matcher(errors).find()) {
                Overlays.skip("podman cannot run a container on this machine: " + errors);
            }
            throw new AssertionError("podman run failed (" + started.exitCode() + "): " + errors);
        }
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            Awaitility.await()
                    .atMost(ServiceProcess.READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> ServiceProcess.status(http, IMAGE_PORT, HealthPaths.READY) == 200);
            String logs = Command.run(Duration.ofSeconds(30), "podman", "logs", CONTAINER)
                    .output();
            String startLine = logs.lines()
                    .filter(line -> line.contains("started in"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no start line in " + logs));
            assertEquals("INFO", JSON.readTree(startLine).path("level").asText(), "logs are JSON: " + startLine);
        } finally {
            Command.run(Duration.ofSeconds(60), "podman", "stop", "-t", "30", CONTAINER);
            Command.run(Duration.ofSeconds(60), "podman", "rm", "-f", CONTAINER);
        }
    }

    private static String image(String service) {
        return REGISTRY + "/vigil/" + service + ":" + Project.VERSION;
    }

    private static String skopeo(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.add(arguments[0]);
        command.add("--tls-verify=false");
        command.addAll(List.of(arguments).subList(1, arguments.length));
        return Command.run(Duration.ofMinutes(1), command.toArray(String[]::new))
                .orFail(String.join(" ", command))
                .output();
    }
}
