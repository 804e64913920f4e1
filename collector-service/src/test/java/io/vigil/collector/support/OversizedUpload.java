package io.vigil.collector.support;

import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A body one megabyte past the 16 MB limit, posted with its length announced as agents send it. Sent with the JDK's
 * client: the service answers before it reads the body and closes the connection, which REST Assured takes badly.
 * A client still sending when the connection closes can lose the answer to the reset that follows (TCP discards what
 * it had not read); like an agent, the upload is then sent again, at most three times in all.
 */
public final class OversizedUpload {

    public static final int BYTES = 17 * 1024 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;

    private OversizedUpload() {}

    /** @param path from the service's root, without a leading slash, query included */
    public static HttpResponse<String> post(URI root, String path, String contentType, String subscription)
            throws IOException, InterruptedException {
        HttpRequest upload = HttpRequest.newBuilder(root.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.admin(subscription)))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(BYTES)))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        IOException lost = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return client.send(upload, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lost = e;
            }
        }
        throw lost;
    }
}
