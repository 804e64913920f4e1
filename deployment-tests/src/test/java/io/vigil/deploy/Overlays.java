package io.vigil.deploy;

import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kustomize overlays under k8s/overlays, rendered by {@code kubectl kustomize} as a platform engineer would before
 * applying them. Besides dev and production, {@value #WITH_OPTIONS} is production with every other component of
 * k8s/components added (the optional ones it leaves out), so those are rendered and checked too.
 */
final class Overlays {

    static final String DEV = "dev";
    static final String PRODUCTION = "production";
    static final String WITH_OPTIONS = "production-with-every-option";
    static final List<String> ALL = List.of(DEV, PRODUCTION, WITH_OPTIONS);

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();

    private Overlays() {}

    /** Every object the overlay renders; the test is skipped, with the reason printed, where kubectl cannot. */
    static synchronized List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        List<JsonNode> objects = RENDERED.get(overlay);
        if (objects == null) {
            objects = parse(kustomize(directory(overlay)));
            RENDERED.put(overlay, objects);
        }
        return objects;
    }

    static List<JsonNode> ofKind(String overlay, String kind) throws IOException, InterruptedException {
        return render(overlay).stream()
                .filter(object -> kind.equals(object.path("kind").asText()))
                .toList();
    }

    static JsonNode named(String overlay, String kind, String name) throws IOException, InterruptedException {
        return ofKind(overlay, kind).stream()
                .filter(object ->
                        name.equals(object.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = (JsonNode) documents.next();
                if (document != null && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        }
        return objects;
    }

    private static Path directory(String overlay) throws IOException {
        if (!WITH_OPTIONS.equals(overlay)) {
            return Project.k8s().resolve("overlays").resolve(overlay);
        }
        Path directory =
                Project.ROOT.resolve("deployment-tests/target/overlays").resolve(WITH_OPTIONS);
        Files.createDirectories(directory);
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources:\n  - "
                + directory.relativize(Project.k8s().resolve("overlays/production")) + "\ncomponents:\n");
        Set<Path> included = componentsOf(Project.k8s().resolve("overlays/production"));
        try (Stream<Path> components = Files.list(Project.k8s().resolve("components"))) {
            components
                    .filter(component -> !included.contains(component.normalize()))
                    .sorted()
                    .forEach(component -> kustomization
                            .append("  - ")
                            .append(directory.relativize(component))
                            .append('\n'));
        }
        Files.writeString(directory.resolve("kustomization.yaml"), kustomization);
        return directory;
    }

    /** The components an overlay's kustomization.yaml names, as absolute paths. */
    private static Set<Path> componentsOf(Path overlay) throws IOException {
        JsonNode kustomization =
                YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
        Set<Path> components = new HashSet<>();
        kustomization
                .path("components")
                .forEach(component ->
                        components.add(overlay.resolve(component.asText()).normalize()));
        return components;
    }

    private static String kustomize(Path directory) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException e) {
            skip("kubectl is not installed (scripts/test.sh installs Debian's kubernetes-client when run as root)");
            throw e;
        }
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + directory + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            if (errors.contains("unknown field") && kubectlIsTooOld()) {
                skip("this kubectl's kustomize is older than v4 and cannot render components: " + errors.strip());
            }
            throw new AssertionError("kubectl kustomize " + directory + " failed: " + errors);
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static boolean kubectlIsTooOld() throws IOException, InterruptedException {
        Process version = new ProcessBuilder("kubectl", "version", "--client").start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor(30, TimeUnit.SECONDS);
        return !text.matches("(?s).*Kustomize Version: v[4-9].*");
    }

    static void skip(String reason) {
        System.out.println("[deployment-tests] skipped: " + reason);
        abort(reason);
    }
}
