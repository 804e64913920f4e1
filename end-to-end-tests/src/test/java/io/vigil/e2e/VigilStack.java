package io.vigil.e2e;

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

/**
 * The four packaged services, started as separate processes on ports of their own against the end-to-end database,
 * as they run in production: nothing is shared but PostgreSQL and HTTP.
 */
final class VigilStack {

    static final int POLICY_PORT = 19081;
    static final int COLLECTOR_PORT = 19082;
    static final int RECOMMENDATION_PORT = 19083;
    static final int ALERT_PORT = 19084;

    static final Map<String, Integer> PORTS = orderedPorts();

    private static final String DATABASE = "vigil_e2e";
    private static final List<String> SCHEMAS = List.of("policy", "collector", "recommendation", "alert");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final Map<String, String> SERVICE_TOKENS = Map.of(
            "POLICY", UUID.randomUUID().toString(),
            "COLLECTOR", UUID.randomUUID().toString(),
            "RECOMMENDATION", UUID.randomUUID().toString(),
            "ALERT", UUID.randomUUID().toString());

    private final Path root =
            Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<Integer, Process> replicas = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static VigilStack running;

    /** The stack every end-to-end test of this run shares: started by the first to ask, stopped when the JVM ends. */
    static synchronized VigilStack running() throws IOException, SQLException {
        if (running == null) {
            VigilStack stack = new VigilStack();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop));
            stack.start();
            running = stack;
        }
        return running;
    }

    /** Kills one service as a crash would (SIGKILL): no shutdown, no last delivery. */
    void kill(String service) throws InterruptedException {
        Process process = processes.get(service);
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts one service again and waits until it is ready. */
    void restart(String service) throws IOException {
        launch(service, PORTS.get(service));
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> ready(PORTS.get(service)));
    }

    /**
     * Starts another replica of a service on {@code port}, over the same database, with the extra settings given as
     * {@code key=value}, and waits until it is ready. No other service sends it anything unless a test does; it
     * stops with the stack, or at {@link #stopReplica}.
     */
    void startReplica(String service, int port, String... settings) throws IOException {
        Process process = spawn(service, port, service + "-" + port, List.of(settings));
        replicas.put(port, process);
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " on " + port + " exited while starting");
            }
            return ready(port);
        });
    }

    void stopReplica(int port) throws InterruptedException {
        Process process = replicas.remove(port);
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The credential a service of this run sends in {@code X-Vigil-Service-Credential}, such as {@code collector}. */
    static String credentialOf(String serviceName) {
        return serviceName + ":" + SERVICE_TOKENS.get(serviceName.toUpperCase(java.util.Locale.ROOT));
    }

    /** A count read straight from the end-to-end database, to see what a service stored. */
    long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void start() throws IOException, SQLException {
        dropSchemas();
        Path logs = logs();
        Files.createDirectories(logs);
        for (Map.Entry<String, Integer> service : PORTS.entrySet()) {
            launch(service.getKey(), service.getValue());
        }
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(this::allReady);
    }

    private Path logs() {
        return root.resolve("end-to-end-tests/target/e2e-logs");
    }

    private void stop() {
        List<Process> all = new ArrayList<>(processes.values());
        all.addAll(replicas.values());
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void launch(String service, int port) throws IOException {
        processes.put(service, spawn(service, port, service, List.of()));
    }

    private Process spawn(String service, int port, String logName, List<String> settings) throws IOException {
        Path logs = logs();
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services before these tests");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dvigil.db.name=" + DATABASE,
                "-Dquarkus.rest-client.policy.url=http://127.0.0.1:" + POLICY_PORT,
                "-Dvigil.outbox.destinations.recommendation=http://127.0.0.1:" + RECOMMENDATION_PORT,
                "-Dvigil.outbox.destinations.alert=http://127.0.0.1:" + ALERT_PORT,
                "-Dvigil.outbox.destinations.collector=http://127.0.0.1:" + COLLECTOR_PORT,
                // Some inputs are real logs from long ago: retention, tested in alert-service, must not remove them
                // here.
                "-Dvigil.alert.retention.interval=off",
                // Liveness and timed re-evaluation looked at every second, so an agent silent past the shortest
                // threshold a policy allows (one minute) is noticed within seconds of it.
                "-Dvigil.agents.sweep-interval=1s",
                "-Dvigil.recommendations.sweep-interval=1s"));
        settings.forEach(setting -> command.add("-D" + setting));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(credentials());
        return builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(logName + ".log").toFile()))
                .start();
    }

    /** Tokens signed with the test key are trusted; each service gets a credential made for this run. */
    private Map<String, String> credentials() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(
                "VIGIL_OIDC_PUBLIC_KEY_LOCATION",
                root.resolve("vigil-test-support/src/main/resources/vigil-test-keys/public.pem")
                        .toString());
        environment.put("VIGIL_OIDC_ISSUER", TestTokens.ISSUER);
        environment.put("VIGIL_OIDC_AUDIENCE", TestTokens.AUDIENCE);
        SERVICE_TOKENS.forEach((service, token) -> environment.put("VIGIL_SERVICE_TOKEN_" + service, token));
        return environment;
    }

    private boolean allReady() {
        for (Map.Entry<String, Process> entry : processes.entrySet()) {
            if (!entry.getValue().isAlive()) {
                throw new IllegalStateException(entry.getKey() + " exited while starting; see target/e2e-logs");
            }
        }
        return List.of(POLICY_PORT, COLLECTOR_PORT, RECOMMENDATION_PORT, ALERT_PORT).stream()
                .allMatch(this::ready);
    }

    private boolean ready(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every run starts from empty schemas; Flyway recreates them when the services start. */
    private void dropSchemas() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static Connection connect() throws SQLException {
        String url = "jdbc:postgresql://" + env("VIGIL_DB_HOST", "127.0.0.1") + ":" + env("VIGIL_DB_PORT", "5432") + "/"
                + DATABASE;
        return DriverManager.getConnection(url, env("VIGIL_DB_USER", "vigil"), env("VIGIL_DB_PASSWORD", "vigil"));
    }

    private static Map<String, Integer> orderedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("policy-service", POLICY_PORT);
        ports.put("collector-service", COLLECTOR_PORT);
        ports.put("recommendation-service", RECOMMENDATION_PORT);
        ports.put("alert-service", ALERT_PORT);
        return ports;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
