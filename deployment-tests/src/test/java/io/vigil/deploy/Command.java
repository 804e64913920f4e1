package io.vigil.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command line run to its end within a bound, its output kept. */
record Command(int exitCode, String output, String errors) {

    static Command run(Duration limit, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("vigil-command", ".out");
        Path err = Files.createTempFile("vigil-command", ".err");
        try {
            Process process = new ProcessBuilder(List.of(command))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + limit);
            }
            return new Command(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean installed(String program) throws InterruptedException {
        try {
            return run(Duration.ofSeconds(30), "sh", "-c", "command -v " + program)
                            .exitCode()
                    == 0;
        } catch (IOException e) {
            return false;
        }
    }

    Command orFail(String what) {
        if (exitCode != 0) {
            throw new AssertionError(what + " failed (" + exitCode + "): " + errors + output);
        }
        return this;
    }
}
