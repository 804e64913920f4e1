package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
 * Every rendered object validates against the schema of its kind. Built-in kinds: the Kubernetes API schema, as the
 * official Kubernetes Java client's models (generated from the API's OpenAPI document) read it: every field must be
 * one the API knows, every required field present, every value of its type. CloudNativePG's kinds: the JSON schemas in
 * src/test/resources/custom-resource-schemas, written for Vigil from CloudNativePG's API reference (see the README
 * there), checked by a JSON Schema validator with the same strictness at every level Vigil sets.
 */
class KubernetesSchemaTest {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** The custom resources the overlays may render, and their schemas; anything else must be a built-in kind. */
    private static final Map<String, String> CUSTOM_RESOURCES = Map.of(
            "postgresql.cnpg.io/v1 Cluster", "cluster.schema.json",
            "postgresql.cnpg.io/v1 Database", "database.schema.json",
            "postgresql.cnpg.io/v1 ScheduledBackup", "scheduled-backup.schema.json",
            "barmancloud.cnpg.io/v1 ObjectStore", "object-store.schema.json");

    private static final String SCHEMAS = "https://vigil.io/schemas/";
    private static final JsonSchemaFactory JSON_SCHEMAS = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                    builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMAS, "classpath:custom-resource-schemas/")));

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

    @Test
    void theCustomResourceSchemasRefuseAFieldTheOperatorDoesNotKnow() throws Exception {
        ObjectNode cluster =
                Overlays.named(Overlays.PRODUCTION, "Cluster", "vigil-db").deepCopy();
        validate(cluster);
        ((ObjectNode) cluster.at("/spec/managed/roles/0")).put("superUser", false);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> validate(cluster));
        assertTrue(refused.getMessage().contains("superUser"), refused.getMessage());
    }

    @Test
    void theCustomResourceSchemasRefuseAValueOfTheWrongTypeOrOutOfItsSet() throws Exception {
        ObjectNode cluster =
                Overlays.named(Overlays.PRODUCTION, "Cluster", "vigil-db").deepCopy();
        ((ObjectNode) cluster.at("/spec/postgresql/parameters")).put("max_connections", 400);
        IllegalArgumentException parameter = assertThrows(IllegalArgumentException.class, () -> validate(cluster));
        assertTrue(parameter.getMessage().contains("max_connections"), parameter.getMessage());

        ObjectNode store = Overlays.named(Overlays.WITH_OPTIONS, "ObjectStore", "vigil-db-backups")
                .deepCopy();
        validate(store);
        ((ObjectNode) store.at("/spec/configuration/data")).put("compression", "zstd");
        IllegalArgumentException compression = assertThrows(IllegalArgumentException.class, () -> validate(store));
        assertTrue(compression.getMessage().contains("compression"), compression.getMessage());
    }

    @Test
    void theCustomResourceSchemasRefuseAMissingRequiredField() throws Exception {
        ObjectNode database = Overlays.named(Overlays.PRODUCTION, "Database", "vigil-db-vigil")
                .deepCopy();
        validate(database);
        ((ObjectNode) database.path("spec")).remove("owner");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> validate(database));
        assertTrue(refused.getMessage().contains("owner"), refused.getMessage());
    }

    /** Throws IllegalArgumentException naming what the schema refuses. */
    private static void validate(JsonNode object) throws ClassNotFoundException {
        String type =
                object.path("apiVersion").asText() + " " + object.path("kind").asText();
        String customSchema = CUSTOM_RESOURCES.get(type);
        if (customSchema != null) {
            JsonSchema schema = JSON_SCHEMAS.getSchema(SchemaLocation.of(SCHEMAS + customSchema));
            Set<ValidationMessage> problems = schema.validate(object);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(problems.toString());
            }
            return;
        }
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
