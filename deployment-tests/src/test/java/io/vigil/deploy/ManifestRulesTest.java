package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What a platform engineer relies on in the rendered overlays, checked object by object. */
class ManifestRulesTest {

    static final List<String> OVERLAYS = Overlays.ALL;
    static final List<String> PRODUCTION_OVERLAYS = List.of(Overlays.PRODUCTION, Overlays.WITH_OPTIONS);

    private static final String OTLP_PORT = "4317";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceIsDeployedOnceWithItsOwnServiceAndAccount(String overlay) throws Exception {
        for (String service : Project.SERVICES) {
            JsonNode deployment = Overlays.named(overlay, "Deployment", service);
            assertEquals(service, pod(deployment).path("serviceAccountName").asText());
            Overlays.named(overlay, "ServiceAccount", service);
            JsonNode port = Overlays.named(overlay, "Service", service).at("/spec/ports/0");
            assertEquals(Project.httpPort(service), port.path("port").asInt(), service);
        }
        assertEquals(
                Project.SERVICES.size(), Overlays.ofKind(overlay, "Deployment").size());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void probesAskTheServicesOwnHealthEndpointsOnTheirPort(String overlay) throws Exception {
        for (String service : Project.SERVICES) {
            assertFalse(Project.settings(service).containsKey("quarkus.smallrye-health.root-path"), service);
            assertFalse(Project.settings(service).containsKey("quarkus.http.non-application-root-path"), service);
            JsonNode container = container(Overlays.named(overlay, "Deployment", service));
            int port = Project.httpPort(service);
            assertEquals(port, container.at("/ports/0/containerPort").asInt(), service);
            Map<String, String> probes = new TreeMap<>();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                assertEquals(port, get.path("port").asInt(), service + " " + probe);
                probes.put(probe, get.path("path").asText());
            }
            assertEquals(
                    Map.of(
                            "startupProbe", HealthPaths.STARTED,
                            "livenessProbe", HealthPaths.LIVE,
                            "readinessProbe", HealthPaths.READY),
                    probes,
                    service);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerHasRequestsAndLimitsForCpuAndMemory(String overlay) throws Exception {
        for (JsonNode deployment : Overlays.ofKind(overlay, "Deployment")) {
            for (JsonNode container : pod(deployment).path("containers")) {
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertFalse(
                                container
                                        .path("resources")
                                        .path(bound)
                                        .path(resource)
                                        .asText()
                                        .isBlank(),
                                name(deployment) + " " + bound + "." + resource);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podsRunAsNonRootWithAReadOnlyRootAndNoPrivileges(String overlay) throws Exception {
        for (JsonNode deployment : Overlays.ofKind(overlay, "Deployment")) {
            JsonNode pod = pod(deployment);
            String name = name(deployment);
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name);
            assertEquals(185, pod.at("/securityContext/runAsUser").asInt(), name);
            assertEquals(
                    "RuntimeDefault",
                    pod.at("/securityContext/seccompProfile/type").asText(),
                    name);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name);
            for (JsonNode container : pod.path("containers")) {
                JsonNode context = container.path("securityContext");
                assertTrue(context.path("readOnlyRootFilesystem").asBoolean(), name);
                assertFalse(context.path("allowPrivilegeEscalation").asBoolean(true), name);
                assertEquals("ALL", context.at("/capabilities/drop/0").asText(), name);
                assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText(), name);
            }
            assertTrue(pod.at("/volumes/0/emptyDir").has("sizeLimit"), name);
        }
        for (JsonNode account : Overlays.ofKind(overlay, "ServiceAccount")) {
            assertFalse(account.path("automountServiceAccountToken").asBoolean(true), name(account));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValueIsRenderedAndCredentialsComeFromSecrets(String overlay) throws Exception {
        assertEquals(List.of(), Overlays.ofKind(overlay, "Secret"));
        for (JsonNode config : Overlays.ofKind(overlay, "ConfigMap")) {
            config.path("data")
                    .fieldNames()
                    .forEachRemaining(key -> assertFalse(
                            SecretLooks.isSecretName(key),
                            name(config) + " holds " + key + "; it belongs in a secret"));
        }
        for (JsonNode deployment : Overlays.ofKind(overlay, "Deployment")) {
            JsonNode container = container(deployment);
            for (JsonNode variable : container.path("env")) {
                String variableName = variable.path("name").asText();
                if (SecretLooks.isSecretName(variableName) || variableName.startsWith("VIGIL_DB_USER")) {
                    assertFalse(variable.has("value"), name(deployment) + " sets " + variableName + " in plain text");
                    assertTrue(variable.at("/valueFrom/secretKeyRef/name").isTextual(), variableName);
                }
            }
            Set<String> secrets = new TreeSet<>();
            container
                    .path("envFrom")
                    .forEach(source -> secrets.add(source.at("/secretRef/name").asText("")));
            assertTrue(secrets.contains("vigil-service-tokens"), name(deployment) + " reads " + secrets);
        }
        List<String> literals = new ArrayList<>();
        for (JsonNode object : Overlays.render(overlay)) {
            secretLooking(object, object.path("kind").asText() + " " + name(object), literals);
        }
        assertEquals(List.of(), literals, "values that look like credentials");
    }

    @Test
    void noFileUnderK8sHoldsASecret() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Project.k8s())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = Project.ROOT.relativize(file).toString();
                for (JsonNode object : parseIfManifest(file)) {
                    if ("Secret".equals(object.path("kind").asText())) {
                        offenders.add(relative);
                    }
                    secretLooking(object, relative, offenders);
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @ParameterizedTest
    @FieldSource("PRODUCTION_OVERLAYS")
    void productionGivesEveryDeploymentAnAutoscalerAndADisruptionBudget(String overlay) throws Exception {
        for (JsonNode deployment : Overlays.ofKind(overlay, "Deployment")) {
            String name = name(deployment);
            List<JsonNode> autoscalers = Overlays.ofKind(overlay, "HorizontalPodAutoscaler").stream()
                    .filter(hpa -> hpa.at("/spec/scaleTargetRef/kind").asText().equals("Deployment")
                            && hpa.at("/spec/scaleTargetRef/name").asText().equals(name))
                    .toList();
            assertEquals(1, autoscalers.size(), name + " autoscalers");
            JsonNode autoscaler = autoscalers.get(0).path("spec");
            assertTrue(autoscaler.path("minReplicas").asInt() >= 2, name);
            assertTrue(
                    autoscaler.path("maxReplicas").asInt()
                            > autoscaler.path("minReplicas").asInt(),
                    name);
            assertEquals("cpu", autoscaler.at("/metrics/0/resource/name").asText(), name);

            JsonNode labels = pod(deployment).isMissingNode() ? null : deployment.at("/spec/template/metadata/labels");
            long budgets = Overlays.ofKind(overlay, "PodDisruptionBudget").stream()
                    .filter(pdb -> selects(pdb.at("/spec/selector/matchLabels"), labels))
                    .count();
            assertEquals(1, budgets, name + " disruption budgets");
        }
    }

    @Test
    void devRunsOnePodOfEachServiceWithoutAutoscalerOrBudget() throws Exception {
        for (JsonNode deployment : Overlays.ofKind(Overlays.DEV, "Deployment")) {
            assertEquals(1, deployment.at("/spec/replicas").asInt(), name(deployment));
        }
        assertEquals(List.of(), Overlays.ofKind(Overlays.DEV, "HorizontalPodAutoscaler"));
        assertEquals(List.of(), Overlays.ofKind(Overlays.DEV, "PodDisruptionBudget"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void stoppingPodsFinishTheirWorkWithinTheGracePeriod(String overlay) throws Exception {
        JsonNode settings = settings(overlay);
        Duration requests =
                Duration.parse("PT" + settings.path("VIGIL_SHUTDOWN_TIMEOUT").asText());
        for (JsonNode deployment : Overlays.ofKind(overlay, "Deployment")) {
            String timeout = Project.settings(name(deployment)).getProperty("vigil.outbox.request-timeout");
            // A batch under way gets its receivers' timeout and five seconds more (OutboxDelivery.finishDelivery).
            Duration outboxBatch = timeout == null
                    ? Duration.ZERO
                    : Duration.parse("PT" + resolved(timeout, settings)).plusSeconds(5);
            JsonNode preStop = container(deployment).at("/lifecycle/preStop/exec/command");
            assertEquals("sleep", preStop.path(0).asText(), name(deployment));
            Duration pause = Duration.ofSeconds(preStop.path(1).asLong());
            Duration grace = Duration.ofSeconds(
                    pod(deployment).path("terminationGracePeriodSeconds").asLong());
            Duration needed = pause.plus(requests).plus(outboxBatch);
            assertTrue(needed.compareTo(grace) < 0, name(deployment) + " needs " + needed + " of " + grace);
        }
    }

    /** A setting's value as a pod reads it: {@code ${VARIABLE:fallback}} from the overlay's settings, or the fallback. */
    private static String resolved(String expression, JsonNode settings) {
        Matcher reference = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}").matcher(expression);
        if (!reference.matches()) {
            return expression;
        }
        String value = settings.path(reference.group(1)).asText("");
        return value.isBlank() ? reference.group(2) : value;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void prometheusScrapesEveryPodAndLogsAreJson(String overlay) throws Exception {
        for (String service : Project.SERVICES) {
            JsonNode annotations =
                    Overlays.named(overlay, "Deployment", service).at("/spec/template/metadata/annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText(), service);
            assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), service);
            assertEquals(
                    String.valueOf(Project.httpPort(service)),
                    annotations.path("prometheus.io/port").asText());
        }
        assertEquals("true", settings(overlay).path("VIGIL_LOG_JSON").asText());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyTheCollectorTakesTrafficFromOutsideTheNamespaceBesidesTheUserApis(String overlay) throws Exception {
        for (String service : Project.SERVICES) {
            JsonNode policy = Overlays.named(overlay, "NetworkPolicy", service).path("spec");
            assertEquals(
                    service,
                    policy.at("/podSelector/matchLabels/app.kubernetes.io~1name")
                            .asText());
            assertEquals(List.of("Ingress", "Egress"), texts(policy.path("policyTypes")));
            assertEquals(1, policy.path("ingress").size(), service);
            JsonNode rule = policy.path("ingress").get(0);
            assertEquals(
                    String.valueOf(Project.httpPort(service)),
                    rule.at("/ports/0/port").asText(),
                    service);
            if (service.equals("collector-service")) {
                assertFalse(rule.has("from"), "agents reach the collector from anywhere");
                continue;
            }
            Set<String> pods = new TreeSet<>();
            Set<String> namespaces = new TreeSet<>();
            for (JsonNode peer : rule.path("from")) {
                assertFalse(peer.has("ipBlock"), service);
                if (peer.has("namespaceSelector")) {
                    assertFalse(peer.has("podSelector"), service);
                    peer.at("/namespaceSelector/matchLabels").fieldNames().forEachRemaining(namespaces::add);
                } else {
                    pods.add(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name")
                            .asText());
                }
            }
            assertEquals(Project.callers(service), pods, service + ": only its callers reach /internal");
            assertEquals(Set.of("vigil.io/api-access", "vigil.io/metrics-access"), namespaces, service);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyEgressRuleNamesItsDestinationAndPorts(String overlay) throws Exception {
        for (JsonNode policy : Overlays.ofKind(overlay, "NetworkPolicy")) {
            for (JsonNode rule : policy.at("/spec/egress")) {
                String where = name(policy) + " " + rule;
                assertFalse(rule.path("to").isEmpty(), where + " lets the pods reach any address");
                assertFalse(rule.path("ports").isEmpty(), where + " lets the pods reach any port");
                for (JsonNode peer : rule.path("to")) {
                    assertTrue(isNamedDestination(peer), where + ": " + peer + " is no named destination");
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesReachOnlyPostgresDnsTheIdentityProviderAndTheServicesTheyCall(String overlay) throws Exception {
        for (String service : Project.SERVICES) {
            Set<String> callees = new TreeSet<>();
            for (JsonNode rule :
                    Overlays.named(overlay, "NetworkPolicy", service).at("/spec/egress")) {
                String callee = rule.at("/to/0/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText();
                assertEquals(1, rule.path("to").size(), service + " " + rule);
                assertEquals(
                        String.valueOf(Project.httpPort(callee)),
                        rule.at("/ports/0/port").asText(),
                        service);
                callees.add(callee);
            }
            assertEquals(Project.callees(service), callees, service);
        }
        Map<String, Set<String>> portsByDestination = new TreeMap<>();
        for (JsonNode policy : Overlays.ofKind(overlay, "NetworkPolicy")) {
            if (Project.SERVICES.contains(name(policy))) {
                continue;
            }
            assertEquals(List.of("Egress"), texts(policy.at("/spec/policyTypes")), name(policy));
            assertEquals(
                    Project.SERVICES, texts(policy.at("/spec/podSelector/matchExpressions/0/values")), name(policy));
            for (JsonNode rule : policy.at("/spec/egress")) {
                for (JsonNode peer : rule.path("to")) {
                    Set<String> ports = portsByDestination.computeIfAbsent(destination(peer), key -> new TreeSet<>());
                    rule.path("ports")
                            .forEach(port -> ports.add(port.path("protocol").asText("TCP") + " "
                                    + port.path("port").asText()));
                }
            }
        }
        JsonNode settings = settings(overlay);
        Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                "pods k8s-app=kube-dns in namespaces kubernetes.io/metadata.name=kube-system",
                Set.of("TCP 53", "UDP 53"),
                "pods cnpg.io/cluster=vigil-db",
                Set.of("TCP " + settings.path("VIGIL_DB_PORT").asText()),
                "addresses outside the cluster",
                Set.of("TCP "
                        + port(settings.path("VIGIL_OIDC_PUBLIC_KEY_LOCATION").asText()))));
        if (overlay.equals(Overlays.WITH_OPTIONS)) {
            expected.put(
                    "namespaces vigil.io/telemetry=true",
                    Set.of("TCP " + port(settings.path("VIGIL_OTLP_ENDPOINT").asText())));
        }
        assertEquals(expected, portsByDestination);
        assertEquals(
                "vigil-db-rw",
                settings.path("VIGIL_DB_HOST").asText(),
                "the PostgreSQL the services may reach is the one they connect to");
    }

    /** A peer that selects labelled pods or namespaces, or one network of at most a /16: never everything. */
    private static boolean isNamedDestination(JsonNode peer) {
        if (peer.isEmpty()) {
            return false;
        }
        for (String selector : List.of("namespaceSelector", "podSelector")) {
            if (peer.has(selector)
                    && peer.path(selector).path("matchLabels").isEmpty()
                    && peer.path(selector).path("matchExpressions").isEmpty()) {
                return false;
            }
        }
        if (peer.has("ipBlock")) {
            String[] cidr = peer.at("/ipBlock/cidr").asText().split("/");
            int narrowest = cidr[0].contains(":") ? 128 : 32;
            return cidr.length == 2 && Integer.parseInt(cidr[1]) >= narrowest / 2;
        }
        return true;
    }

    private static String destination(JsonNode peer) {
        if (peer.has("ipBlock")) {
            return "addresses outside the cluster";
        }
        List<String> parts = new ArrayList<>();
        if (peer.has("podSelector")) {
            parts.add("pods " + labels(peer.at("/podSelector/matchLabels")));
        }
        if (peer.has("namespaceSelector")) {
            parts.add("namespaces " + labels(peer.at("/namespaceSelector/matchLabels")));
        }
        return String.join(" in ", parts);
    }

    private static String labels(JsonNode matchLabels) {
        List<String> labels = new ArrayList<>();
        matchLabels
                .fields()
                .forEachRemaining(label ->
                        labels.add(label.getKey() + "=" + label.getValue().asText()));
        return String.join(",", labels);
    }

    /** The port a URL names, or its scheme's. */
    private static int port(String url) {
        URI uri = URI.create(url);
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equals("https") ? 443 : 80;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceLogsInWithARoleOfItsOwnThatOwnsItsSchema(String overlay) throws Exception {
        JsonNode cluster = Overlays.named(overlay, "Cluster", "vigil-db").path("spec");
        assertEquals(
                "vigil-db-rw",
                settings(overlay).path("VIGIL_DB_HOST").asText(),
                "the services connect to the cluster's primary");
        Map<String, String> roleBySecret = new TreeMap<>();
        for (JsonNode role : cluster.at("/managed/roles")) {
            assertTrue(role.path("login").asBoolean(), role.toString());
            assertEquals("present", role.path("ensure").asText(), role.toString());
            roleBySecret.put(
                    role.at("/passwordSecret/name").asText(), role.path("name").asText());
        }
        Map<String, String> ownerBySchema = new TreeMap<>();
        JsonNode database =
                Overlays.named(overlay, "Database", "vigil-db-vigil").path("spec");
        assertEquals("vigil-db", database.at("/cluster/name").asText());
        assertEquals(
                settings(overlay).path("VIGIL_DB_NAME").asText(),
                database.path("name").asText());
        database.path("schemas")
                .forEach(schema -> ownerBySchema.put(
                        schema.path("name").asText(), schema.path("owner").asText()));

        Set<String> roles = new TreeSet<>();
        for (String service : Project.SERVICES) {
            JsonNode env =
                    container(Overlays.named(overlay, "Deployment", service)).path("env");
            String secret = secretOf(env, "VIGIL_DB_USER");
            assertEquals(secret, secretOf(env, "VIGIL_DB_PASSWORD"), service);
            String role = roleBySecret.get(secret);
            assertTrue(role != null, service + " reads " + secret + ", which no database role uses");
            roles.add(role);
            String schema = Project.settings(service).getProperty("quarkus.flyway.schemas");
            assertEquals(role, ownerBySchema.get(schema), service + "'s schema " + schema);
        }
        assertEquals(Project.SERVICES.size(), roles.size(), "one role per service: " + roleBySecret);
    }

    @Test
    void productionRunsThreePostgresInstancesAndDevOne() throws Exception {
        assertEquals(
                3,
                Overlays.named(Overlays.PRODUCTION, "Cluster", "vigil-db")
                        .at("/spec/instances")
                        .asInt());
        assertEquals(
                1,
                Overlays.named(Overlays.DEV, "Cluster", "vigil-db")
                        .at("/spec/instances")
                        .asInt());
    }

    @Test
    void theBackupOptionArchivesToItsObjectStoreAndSchedulesBaseBackups() throws Exception {
        String overlay = Overlays.WITH_OPTIONS;
        JsonNode plugin = Overlays.named(overlay, "Cluster", "vigil-db").at("/spec/plugins/0");
        assertTrue(plugin.path("isWALArchiver").asBoolean());
        String store = plugin.at("/parameters/barmanObjectName").asText();
        JsonNode configuration = Overlays.named(overlay, "ObjectStore", store).at("/spec/configuration");
        assertTrue(configuration.path("destinationPath").asText().startsWith("s3://"));
        assertTrue(configuration.at("/s3Credentials/secretAccessKey/name").isTextual());
        JsonNode backup = Overlays.ofKind(overlay, "ScheduledBackup").get(0).path("spec");
        assertEquals("vigil-db", backup.at("/cluster/name").asText());
        assertEquals(
                plugin.path("name").asText(),
                backup.at("/pluginConfiguration/name").asText());
        assertEquals(6, backup.path("schedule").asText().split(" ").length, "CloudNativePG schedules have seconds");
    }

    @Test
    void theRequestRateOptionAddsACustomMetricToTheCollectorsAutoscaler() throws Exception {
        JsonNode metrics = Overlays.named(Overlays.WITH_OPTIONS, "HorizontalPodAutoscaler", "collector-service")
                .at("/spec/metrics");
        assertEquals("cpu", metrics.at("/0/resource/name").asText());
        assertEquals(
                "http_server_requests_per_second",
                metrics.at("/1/pods/metric/name").asText());
        assertEquals(
                1,
                Overlays.named(Overlays.PRODUCTION, "HorizontalPodAutoscaler", "collector-service")
                        .at("/spec/metrics")
                        .size(),
                "the custom metric is an option: without an adapter the autoscaler would report it missing");
    }

    @Test
    void tracesAreExportedOnlyWithTheOtlpOption() throws Exception {
        assertEquals(
                "", settings(Overlays.PRODUCTION).path("VIGIL_OTLP_ENDPOINT").asText());
        String endpoint =
                settings(Overlays.WITH_OPTIONS).path("VIGIL_OTLP_ENDPOINT").asText();
        assertTrue(endpoint.endsWith(":" + OTLP_PORT), endpoint);
    }

    private static JsonNode settings(String overlay) throws Exception {
        List<JsonNode> maps = Overlays.ofKind(overlay, "ConfigMap").stream()
                .filter(map -> name(map).startsWith("vigil-settings-"))
                .toList();
        assertEquals(1, maps.size());
        for (JsonNode deployment : Overlays.ofKind(overlay, "Deployment")) {
            Set<String> sources = new TreeSet<>();
            container(deployment)
                    .path("envFrom")
                    .forEach(source ->
                            sources.add(source.at("/configMapRef/name").asText("")));
            assertTrue(sources.contains(name(maps.get(0))), name(deployment) + " reads " + sources);
        }
        return maps.get(0).path("data");
    }

    private static String secretOf(JsonNode env, String variable) {
        for (JsonNode entry : env) {
            if (entry.path("name").asText().equals(variable)) {
                return entry.at("/valueFrom/secretKeyRef/name").asText();
            }
        }
        throw new AssertionError(variable + " is not set");
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().asText().equals(labels.path(field.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** Adds where, and under which field, each string value in the object looks like a credential. */
    private static void secretLooking(JsonNode node, String where, List<String> found) {
        if (node.isTextual() && SecretLooks.isSecretValue(node.asText())) {
            found.add(where);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                secretLooking(node.get(i), where + "/" + i, found);
            }
        }
        node.fields().forEachRemaining(field -> secretLooking(field.getValue(), where + "/" + field.getKey(), found));
    }

    private static List<JsonNode> parseIfManifest(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return List.of();
        }
        return Overlays.parse(Files.readString(file));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static JsonNode pod(JsonNode deployment) {
        return deployment.at("/spec/template/spec");
    }

    private static JsonNode container(JsonNode deployment) {
        return pod(deployment).at("/containers/0");
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
