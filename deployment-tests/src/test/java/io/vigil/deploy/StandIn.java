package io.vigil.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What a service under test calls, as far as it can tell: policy-service's effective policy (every GET answers the
 * one in effective-policy.json) and the receivers of its outbox (every POST is taken). It records each request, and
 * can hold its answers to deliveries, or to policy reads, until the test releases them.
 */
final class StandIn implements AutoCloseable {

    record Recorded(String method, String path, List<String> traceparents, String body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Recorded> answered = new CopyOnWriteArrayList<>();
    private final CountDownLatch deliveries;
    private volatile CountDownLatch policyReads = new CountDownLatch(0);
    private final byte[] policy;

    private StandIn(HttpServer server, boolean holdDeliveries) throws IOException {
        this.server = server;
        this.deliveries = new CountDownLatch(holdDeliveries ? 1 : 0);
        try (InputStream json = StandIn.class.getResourceAsStream("/effective-policy.json")) {
            this.policy = json.readAllBytes();
        }
    }

    /** Answers at once. */
    static StandIn start(int port) throws IOException {
        return start(port, false);
    }

    /** With {@code holdDeliveries}, POSTs are answered only after {@link #releaseDeliveries()}. */
    static StandIn start(int port, boolean holdDeliveries) throws IOException {
        StandIn standIn = new StandIn(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16), holdDeliveries);
        standIn.server.createContext("/", standIn::answer);
        standIn.server.setExecutor(standIn.threads);
        standIn.server.start();
        return standIn;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Recorded> received(String method, String pathPrefix) {
        return matching(requests, method, pathPrefix);
    }

    List<Recorded> answered(String method, String pathPrefix) {
        return matching(answered, method, pathPrefix);
    }

    void releaseDeliveries() {
        deliveries.countDown();
    }

    /** From now on, every GET waits for {@link #releasePolicyReads()} before it is answered. */
    void holdPolicyReads() {
        policyReads = new CountDownLatch(1);
    }

    void releasePolicyReads() {
        policyReads.countDown();
    }

    private static List<Recorded> matching(List<Recorded> requests, String method, String pathPrefix) {
        return requests.stream()
                .filter(request ->
                        request.method().equals(method) && request.path().startsWith(pathPrefix))
                .toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<String> traceparents = exchange.getRequestHeaders().getOrDefault("traceparent", List.of());
        Recorded request = new Recorded(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), List.copyOf(traceparents), body);
        requests.add(request);
        boolean get = request.method().equals("GET");
        try {
            if (!(get ? policyReads : deliveries).await(60, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] answer = get ? policy : "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
        answered.add(request);
    }

    @Override
    public void close() {
        releaseDeliveries();
        releasePolicyReads();
        server.stop(0);
        threads.shutdownNow();
    }
}
