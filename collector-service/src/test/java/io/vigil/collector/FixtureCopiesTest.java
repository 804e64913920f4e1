package io.vigil.collector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The samples under {@code src/test/resources/fixtures} are copies of the project's shared fixture folder
 * ({@code shared/fixtures} beside the checkout or above it, or the folder named by {@code -Dvigil.shared-fixtures}).
 * A copy that drifted would let the tests assert facts the shared README no longer states. A checkout without the
 * shared folder has nothing to compare with, and the test is skipped saying so.
 */
class FixtureCopiesTest {

    private static final Path COPIES = Path.of("src/test/resources/fixtures");
    private static final String SHARED_README = "README.md";

    @Test
    void everySharedSampleIsCopiedUnchanged() throws IOException {
        Optional<Path> shared = sharedFixtures();
        Assumptions.assumeTrue(
                shared.isPresent(),
                "no shared/fixtures folder beside or above " + Path.of("").toAbsolutePath()
                        + " (nor -Dvigil.shared-fixtures): nothing to compare the copies with");
        List<Path> samples = files(shared.get()).stream()
                .filter(path -> !path.equals(Path.of(SHARED_README)))
                .toList();

        assertTrue(samples.size() >= 9, "the shared folder holds the nine samples and their licences: " + samples);
        for (Path sample : samples) {
            Path copy = COPIES.resolve(sample);
            assertTrue(Files.isRegularFile(copy), sample + " is not copied to " + COPIES);
            assertArrayEquals(
                    Files.readAllBytes(shared.get().resolve(sample)), Files.readAllBytes(copy), sample + " differs");
        }
        assertEquals(
                List.of(),
                files(COPIES).stream()
                        .filter(path -> !samples.contains(path))
                        .filter(path -> !path.getFileName().toString().matches("NOTICE\\.md|LICENSE-.*\\.txt"))
                        .toList(),
                "a sample in the copies that the shared folder does not hold");
    }

    private static Optional<Path> sharedFixtures() {
        String given = System.getProperty("vigil.shared-fixtures");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(FixtureCopiesTest::isSharedFixtures);
        }
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("shared/fixtures");
            if (isSharedFixtures(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isSharedFixtures(Path folder) {
        return Files.isRegularFile(folder.resolve(SHARED_README));
    }

    /** Every regular file under {@code root}, relative to it. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }
}
