package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every rendered object of a built-in kind validates against the Kubernetes API schema, as the official Kubernetes
 * Java client's models (generated from the API's OpenAPI document) read it: every field must be one the API knows,
 * every required field present, every value of its type. CloudNativePG's objects have no such model; their fields are
 * checked by {@link ManifestRulesTest}.
 */
class KubernetesSchemaTest {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** The custom resources the overlays may render; anything else must be a built-in kind. */
    private static final Set<String> CUSTOM_RESOURCES = Set.of(
            "postgresql.cnpg.io/v1 Cluster",
            "postgresql.cnpg.io/v1 Database",
            "postgresql.cnpg.io/v1 ScheduledBackup",
            "barmancloud.cnpg.io/v1 ObjectStore");

    static final List<String> OVERLAYS = Overlays.ALL;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectValidatesAgainstTheKubernetesSchema(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode object : Overlays.render(overlay)) {
            String type = object.path("apiVersion").asText() + " "
                    + object.path("kind").asText();
            counts.merge(object.path("kind").asText(), 1, Integer::sum);
            if (CUSTOM_RESOURCES.contains(type)) {
                continue;
            }
            try {
                validate(object);
            } catch (IllegalArgumentException | ClassNotFoundException e) {
                problems.add(type + " " + object.path("metadata").path("name").asText() + ": " + e.getMessage());
            }
        }
        System.out.println("[deployment-tests] " + overlay + " renders " + counts);
        assertEquals(List.of(), problems);
    }

    @Test
    void theSchemaRefusesAFieldTheApiDoesNotKnow() throws Exception {
        ObjectNode deployment = Overlays.named(Overlays.PRODUCTION, "Deployment", "alert-service")
                .deepCopy();
        validate(deployment);
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.with("securityContext").put("readOnlyRootFileSystem", true);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> validate(deployment));
        assertTrue(refused.getMessage().contains("readOnlyRootFileSystem"), refused.getMessage());
    }

    @Test
    void theSchemaRefusesAMissingRequiredField() throws Exception {
        ObjectNode autoscaler = Overlays.named(Overlays.PRODUCTION, "HorizontalPodAutoscaler", "policy-service")
                .deepCopy();
        ((ObjectNode) autoscaler.path("spec")).remove("maxReplicas");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> validate(autoscaler));
        assertTrue(refused.getMessage().contains("maxReplicas"), refused.getMessage());
    }

    /** Throws IllegalArgumentException naming what the schema refuses. */
    private static void validate(JsonNode object) throws ClassNotFoundException {
        String apiVersion = object.path("apiVersion").asText();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String kind = object.path("kind").asText();
        Class<?> model = Class.forName(MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind);
        JsonElement json = JsonParser.parseString(object.toString());
        try {
            Method validator = model.getMethod("validateJsonElement", JsonElement.class);
            validator.invoke(null, json);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            fail(model + " has no schema validator", e);
        }
    }
}
