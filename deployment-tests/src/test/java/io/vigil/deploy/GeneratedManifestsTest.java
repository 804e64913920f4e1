package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * quarkus-kubernetes writes each service's ServiceAccount, Service and Deployment to target/kubernetes/kubernetes.yml
 * from the settings in application.properties (and the shared ones in vigil-common). The copy under k8s/base is what
 * kustomize deploys, so it must say exactly what this build generated. The generator lists some entries (environment
 * variables, their sources) in no fixed order, so lists of objects are compared whatever their order. When
 * scripts/test.sh builds the images into its registry on loopback, the images are named there; that name, and nothing
 * else, is read as the default one.
 */
class GeneratedManifestsTest {

    static final List<String> SERVICES = Project.SERVICES;

    /** Where quarkus-kubernetes says the images are when no registry is configured. */
    private static final String DEFAULT_REGISTRY = "docker.io";

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theCommittedManifestSaysWhatTheBuildGenerates(String service) throws IOException {
        Path generated = Project.ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        Path committed = Project.k8s().resolve("base").resolve(service).resolve("kubernetes.yml");
        assertTrue(Files.exists(generated), generated + " is missing: build the service first");
        String registry = System.getProperty("vigil.images.registry", "");
        String text = Files.readString(generated);
        if (!registry.isBlank()) {
            text = text.replace("image: " + registry + "/vigil/", "image: " + DEFAULT_REGISTRY + "/vigil/");
        }

        assertEquals(
                canonical(Files.readString(committed)),
                canonical(text),
                Project.ROOT.relativize(committed) + " differs from what the build generates; after checking the"
                        + " difference, copy it: cp " + Project.ROOT.relativize(generated) + " "
                        + Project.ROOT.relativize(committed));
    }

    private static List<JsonNode> canonical(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : Overlays.parse(yaml)) {
            objects.add(sorted(object));
        }
        objects.sort(Comparator.comparing(JsonNode::toString));
        return objects;
    }

    /** The same document with every list of objects in one order; lists of values keep theirs. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            node.fields().forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey());
            fields.forEach(field -> copy.set(field.getKey(), sorted(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            if (items.stream().allMatch(JsonNode::isObject)) {
                items.sort(Comparator.comparing(JsonNode::toString));
            }
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            items.forEach(copy::add);
            return copy;
        }
        return node;
    }
}
