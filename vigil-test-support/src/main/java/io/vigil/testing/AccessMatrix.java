package io.vigil.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks every endpoint that the service publishes in its OpenAPI document with callers who must be refused. A new
 * endpoint joins the walk by being published, so one added without protection fails here.
 */
public abstract class AccessMatrix {

    protected static final String GRANTED = "sub-granted";
    protected static final String OTHER = "sub-other";
    /**
     * Every refusal is the access filter's, before the endpoint runs: a 404 could be an endpoint that let the caller in
     * and found nothing under a made-up id, so it does not count.
     */
    private static final Set<Integer> REFUSALS = Set.of(401, 403);

    private static final Set<String> READ_METHODS = Set.of("get", "head");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** A subscription named in the path, whatever its parameter is called. */
    private static final Pattern SUBSCRIPTION_PARAMETER = Pattern.compile("/subscriptions/\\{([^}]+)}");

    /** An ingestion key that is valid, but for {@link #OTHER}; services that take no ingestion keys need none. */
    protected String ingestionKeyOfOtherSubscription() {
        return "vik_" + UUID.randomUUID() + "_" + UUID.randomUUID();
    }

    /** Values for path parameters; unknown parameters get a random UUID. */
    protected Map<String, String> pathValues() {
        return Map.of(
                "subscriptionId", GRANTED,
                "resourceGroup", "rg-matrix",
                "name", "machine-matrix",
                "action", "dismiss",
                "ruleId", "SshBruteForce");
    }

    /** How many (endpoint, caller) pairs the walk tried; for the record. */
    protected static int casesTried;

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesCallersWithoutTheRightCredentials() {
        Map<String, Map<String, Map<String, Object>>> paths = PublishedEndpoints.paths();
        List<DynamicTest> tests = new ArrayList<>();
        paths.forEach((template, operations) -> operations.forEach((method, operation) -> {
            if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                return;
            }
            String contentType = contentTypeOf(operation);
            for (Caller caller : callersFor(template, method)) {
                String name = method.toUpperCase() + " " + template + " with " + caller.name();
                tests.add(DynamicTest.dynamicTest(name, () -> assertRefused(method, template, contentType, caller)));
            }
        }));
        return tests.stream();
    }

    /** Health, metrics and the OpenAPI document are for probes and scrapers, which carry no credentials. */
    @Test
    void probesAndScrapersNeedNoCredentials() {
        RestAssured.requestSpecification = null;
        for (String path :
                List.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics", "/q/openapi")) {
            int status = given().when().get(path).then().extract().statusCode();
            assertFalse(REFUSALS.contains(status), () -> path + " refused a caller without credentials: " + status);
        }
    }

    private List<Caller> callersFor(String template, String method) {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("no credentials", spec -> spec));
        callers.add(new Caller("an expired token", bearer(TestTokens.expired(GRANTED, OTHER))));
        callers.add(new Caller("a token with a bad signature", bearer(TestTokens.badSignature(GRANTED, OTHER))));
        callers.add(new Caller(
                "an ingestion key of another subscription",
                spec -> spec.header("X-Vigil-Ingestion-Key", ingestionKeyOfOtherSubscription())));
        if (template.startsWith("/internal")) {
            callers.add(new Caller("a SecurityAdmin token", bearer(TestTokens.admin("*"))));
            callers.add(new Caller(
                    "unknown service credentials",
                    spec -> spec.header("X-Vigil-Service-Credential", "intruder:guess")));
        }
        if (SUBSCRIPTION_PARAMETER.matcher(template).find()) {
            callers.add(new Caller("a token for another subscription", bearer(TestTokens.admin(OTHER))));
        }
        if (!READ_METHODS.contains(method) && !template.startsWith("/internal")) {
            callers.add(new Caller("a Reader doing an admin action", bearer(TestTokens.reader(GRANTED))));
        }
        return callers;
    }

    private void assertRefused(String method, String template, String contentType, Caller caller) {
        RestAssured.requestSpecification = null;
        RequestSpecification request =
                caller.credentials().apply(given().contentType(contentType).body(bodyFor(contentType)));
        Response response = request.when().request(method.toUpperCase(), fill(template));
        casesTried++;
        assertTrue(
                REFUSALS.contains(response.statusCode()),
                () -> method.toUpperCase() + " " + template + " with " + caller.name() + " answered "
                        + response.statusCode() + ": " + response.body().asString());
        assertTrue(
                response.contentType().startsWith("application/problem+json"),
                () -> "refusal is not problem+json: " + response.contentType());
    }

    private String fill(String template) {
        Matcher subscription = SUBSCRIPTION_PARAMETER.matcher(template);
        String subscriptionParameter = subscription.find() ? subscription.group(1) : null;
        Matcher matcher = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(1).equals(subscriptionParameter)
                    ? GRANTED
                    : pathValues()
                            .getOrDefault(matcher.group(1), UUID.randomUUID().toString());
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    @SuppressWarnings("unchecked")
    private static String contentTypeOf(Map<String, Object> operation) {
        Object body = operation.get("requestBody");
        if (body instanceof Map<?, ?> requestBody && requestBody.get("content") instanceof Map<?, ?> content) {
            String type = ((Map<String, Object>) content).keySet().iterator().next();
            // An endpoint that takes any media type is called as a client would, with a concrete one.
            return type.contains("*") ? "application/json" : type;
        }
        return "application/json";
    }

    private static String bodyFor(String contentType) {
        return contentType.contains("json") ? "{}" : "x";
    }

    private static UnaryOperator<RequestSpecification> bearer(String token) {
        return spec -> spec.header("Authorization", TestTokens.bearer(token));
    }

    private record Caller(String name, UnaryOperator<RequestSpecification> credentials) {}
}
