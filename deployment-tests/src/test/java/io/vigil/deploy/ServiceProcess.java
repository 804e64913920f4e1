package io.vigil.deploy;

import static org.awaitility.Awaitility.await;

import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service (target/quarkus-app) started as its own process against the deployment tests' database
 * ({@value #DATABASE}), configured through the environment as the Kubernetes manifests configure it.
 */
final class ServiceProcess implements AutoCloseable {

    static final String DATABASE = "vigil_deploy";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String service, int port, Process process, Path log) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the service on the port with the given extra environment; does not wait for it. */
    static ServiceProcess start(String service, int port, Map<String, String> environment) throws IOException {
        Path jar = Project.ROOT.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services before these tests");
        }
        Path logs = Project.ROOT.resolve("deployment-tests/target/service-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(service + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m",
                "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(baseEnvironment(port));
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        return new ServiceProcess(service, port, process, log);
    }

    /** What every service needs: the database, the test identity provider's key, credentials for this run. */
    static Map<String, String> baseEnvironment(int port) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("VIGIL_DB_NAME", DATABASE);
        environment.put(
                "VIGIL_OIDC_PUBLIC_KEY_LOCATION",
                Project.ROOT
                        .resolve("vigil-test-support/src/main/resources/vigil-test-keys/public.pem")
                        .toString());
        environment.put("VIGIL_OIDC_ISSUER", TestTokens.ISSUER);
        environment.put("VIGIL_OIDC_AUDIENCE", TestTokens.AUDIENCE);
        for (String caller : List.of("POLICY", "COLLECTOR", "RECOMMENDATION", "ALERT")) {
            environment.put("VIGIL_SERVICE_TOKEN_" + caller, UUID.randomUUID().toString());
        }
        return environment;
    }

    void awaitReady() {
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited while starting; see " + log);
            }
            return status(HealthPaths.READY) == 200;
        });
    }

    /** The HTTP status the service answers on a path, or -1 when it does not answer. */
    int status(String path) throws InterruptedException {
        return status(HTTP, port, path);
    }

    static int status(HttpClient http, int port, String path) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as the kubelet does when a pod stops, without waiting. */
    void terminate() {
        process.destroy();
    }

    boolean awaitExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything the process wrote, stdout and stderr. */
    Path log() {
        return log;
    }

    /** The exit status of a process that has ended. */
    int exitCode() {
        return process.exitValue();
    }

    boolean logged(String text) throws IOException {
        return Files.readString(log).contains(text);
    }

    /** Stops it as Kubernetes does: SIGTERM, then SIGKILL after the grace period. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
    }

    static Connection connect() throws SQLException {
        String url = "jdbc:postgresql://" + env("VIGIL_DB_HOST", "127.0.0.1") + ":" + env("VIGIL_DB_PORT", "5432") + "/"
                + DATABASE;
        return DriverManager.getConnection(url, env("VIGIL_DB_USER", "vigil"), env("VIGIL_DB_PASSWORD", "vigil"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
