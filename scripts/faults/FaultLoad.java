import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The fault run's traffic, with the outcome of every request written down, so that afterwards each upload and report
 * that was answered 2xx can be looked for in what the services stored. Run with the JDK's source launcher:
 *
 * <pre>
 *   java FaultLoad.java ingest COLLECTOR_URL SUBSCRIPTION KEY_HEADER THREADS SECONDS RATE LINES RUN OUT
 *   java FaultLoad.java changes BASE_URL AUTH_HEADER REQUESTS_FILE THREADS OUT
 * </pre>
 *
 * <p>{@code ingest}: each thread uploads syslog batches of LINES sshd lines to machines of its own, and every fifth
 * request a state report; RATE is requests per second over all threads (0: as fast as answered). Every line of an
 * upload names the upload as its invalid user, and every report names itself as its one missing update, so each can
 * be counted in the database; the load ends after SECONDS, or earlier when the file OUT.stop appears. RUN starts
 * every such name, so that the names of two runs differ. OUT gets one line
 * per request: {@code kind id machine status millis epochMillis}.
 *
 * <p>{@code changes}: sends the POSTs of REQUESTS_FILE (one path per line) from THREADS threads at once, as many state
 * changes arriving together. OUT gets {@code path status millis} per request.
 */
public final class FaultLoad {

    private static final DateTimeFormatter SYSLOG_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MACHINES_PER_THREAD = 4;
    private static final long FAILURE_PAUSE_MILLIS = 200;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        FaultLoad load = new FaultLoad();
        switch (args.length > 0 ? args[0] : "") {
            case "ingest" -> load.ingest(args);
            case "changes" -> load.changes(args);
            default -> {
                System.err.println("usage: java FaultLoad.java ingest|changes ...");
                System.exit(2);
            }
        }
    }

    private void ingest(String[] args) throws Exception {
        String collector = args[1];
        String subscription = args[2];
        String[] key = args[3].split(":\\s*", 2);
        int threads = Integer.parseInt(args[4]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[5]));
        double rate = Double.parseDouble(args[6]);
        int lines = Integer.parseInt(args[7]);
        String run = args[8];
        Path out = Path.of(args[9]);
        Path stop = Path.of(args[9] + ".stop");
        long pauseNanos = rate > 0 ? (long) (threads * 1e9 / rate) : 0;

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> {
                long next = System.nanoTime();
                for (int seq = 0; System.nanoTime() < deadline && !Files.exists(stop); seq++) {
                    String machine = "vm-" + thread + "-" + (seq % MACHINES_PER_THREAD);
                    String path = collector + "/api/v1/subscriptions/" + subscription + "/resourceGroups/rg-faults/machines/"
                            + machine;
                    String id = run + "t" + thread + "n" + seq;
                    int status = seq % 5 == 4
                            ? send("report", id, machine, post(path + "/reports", key, "application/json", report(id)))
                            : send("upload", id, machine, post(path + "/events", key, "text/plain", syslog(id, thread, lines)));
                    if (status == 0 || status >= 500) {
                        // As an agent would: a refused or failed request is tried again a little later, not at once.
                        TimeUnit.MILLISECONDS.sleep(FAILURE_PAUSE_MILLIS);
                    }
                    if (pauseNanos > 0) {
                        next += pauseNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        write(out);
    }

    private void changes(String[] args) throws Exception {
        String base = args[1];
        String[] auth = args[2].split(":\\s*", 2);
        List<String> paths = Files.readAllLines(Path.of(args[3]));
        int threads = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (String path : paths) {
            if (path.isBlank()) {
                continue;
            }
            pool.submit(() -> {
                start.await();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(REQUEST_TIMEOUT)
                        .header(auth[0], auth[1])
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(path.endsWith("/dismiss")
                                ? "{\"reason\": \"concurrent change from the fault run\"}"
                                : "{}"))
                        .build();
                long began = System.nanoTime();
                int status = statusOf(request);
                outcomes.add(path + " " + status + " " + (System.nanoTime() - began) / 1_000_000);
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        write(out);
    }

    private HttpRequest post(String url, String[] header, String type, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header(header[0], header[1])
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private int send(String kind, String id, String machine, HttpRequest request) {
        long began = System.nanoTime();
        int status = statusOf(request);
        long millis = (System.nanoTime() - began) / 1_000_000;
        outcomes.add(kind + " " + id + " " + machine + " " + status + " " + millis + " " + Instant.now().toEpochMilli());
        return status;
    }

    /** The answer's status; 0 when no answer came (refused connection, reset, timeout). */
    private int statusOf(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Failed sshd logons from the thread's own source address, each line naming the upload as its user. */
    private static String syslog(String id, int thread, int lines) {
        String time = SYSLOG_TIME.format(Instant.now());
        StringBuilder body = new StringBuilder(lines * 100);
        for (int i = 0; i < lines; i++) {
            body.append(time)
                    .append(" host sshd[")
                    .append(1000 + thread)
                    .append("]: Failed password for invalid user ")
                    .append(id)
                    .append(" from 198.51.100.")
                    .append(thread + 1)
                    .append(" port ")
                    .append(1024 + i)
                    .append(" ssh2\n");
        }
        return body.toString();
    }

    /** A state report whose one missing Security update is named after the report. */
    private static String report(String id) {
        return "{\"collectedAt\": \"" + Instant.now() + "\", \"updates\": {\"missing\": [{\"id\": \"" + id
                + "\", \"title\": \"security update " + id + "\", \"classification\": \"Security\", \"severity\": "
                + "\"High\"}], \"rebootPending\": false}}";
    }

    private void write(Path out) throws IOException {
        List<String> lines = new ArrayList<>(outcomes);
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            lines.forEach(writer::println);
        }
    }
}
