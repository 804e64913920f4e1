package io.vigil.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks every public endpoint that the service publishes in its OpenAPI document, as a SecurityAdmin granted every
 * subscription, and puts hostile text into each path and query parameter in turn, and a body of the wrong shape into
 * each that takes a JSON object. Each must be refused with a 4xx problem+json answer (a 400 for a query parameter)
 * that names no class, SQL or stack frame; a new endpoint joins the walk by being published.
 */
public abstract class HostileInputMatrix {

    /** Values that look like SQL, path traversal, markup, lookups, control characters, or are far too long. */
    static final List<String> HOSTILE = List.of(
            "x' OR '1'='1",
            "1; DROP TABLE machines;--",
            "../../etc/passwd",
            "..",
            "a\u0000b",
            "line\nbreak",
            "bell\u0007",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/a}",
            "a".repeat(300));

    /**
     * As a whole path segment, {@code ..} (even percent-encoded: {@code %2E} is unreserved) is a dot segment that
     * HTTP removes before routing, so it names the parent path rather than a value; it is tried in queries only.
     */
    private static final String DOT_SEGMENT = "..";

    /** Bodies of the wrong shape for an endpoint that takes a JSON object: an array, a text, a number. */
    static final List<String> WRONG_SHAPES = List.of("[]", "[{}]", "\"text\"", "42");

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** What an answer must not reveal: implementation classes, SQL state, stack frames. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bjava\\.|\\borg\\.|\\bio\\.(vigil|vertx|quarkus|smallrye)|SQLSTATE|\\bat [a-z]+\\.|hibernate",
            Pattern.CASE_INSENSITIVE);

    /** Values for path parameters when another parameter is the hostile one. */
    protected Map<String, String> pathValues() {
        return Map.of(
                "subscriptionId", "sub-hostile",
                "resourceGroup", "rg-hostile",
                "name", "machine-hostile",
                "action", "dismiss",
                "ruleId", "SshBruteForce");
    }

    /** Query parameters that are no filters (such as a body format) and are checked by a test of their own. */
    protected Set<String> queryParametersLeftOut() {
        return Set.of();
    }

    @TestFactory
    Stream<DynamicTest> everyParameterRefusesHostileText() {
        Map<String, Map<String, Map<String, Object>>> paths = PublishedEndpoints.paths();
        List<DynamicTest> tests = new ArrayList<>();
        paths.forEach((template, operations) -> {
            if (!template.startsWith("/api/")) {
                return;
            }
            operations.forEach((method, operation) -> {
                if (METHODS.contains(method)) {
                    tests.addAll(testsFor(method, template, operation));
                }
            });
        });
        assertFalse(tests.isEmpty(), "the service publishes no parameters to walk");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyJsonObjectBodyRefusesABodyOfTheWrongShape() {
        List<DynamicTest> tests = new ArrayList<>();
        PublishedEndpoints.paths().forEach((template, operations) -> {
            if (!template.startsWith("/api/")) {
                return;
            }
            operations.forEach((method, operation) -> {
                if (METHODS.contains(method) && takesJsonObject(operation)) {
                    for (int i = 0; i < WRONG_SHAPES.size(); i++) {
                        String body = WRONG_SHAPES.get(i);
                        String name = method.toUpperCase() + " " + template + " with the body " + body;
                        tests.add(DynamicTest.dynamicTest(
                                name, () -> assertRefused(method, fill(template, null, null), body, false)));
                    }
                }
            });
        });
        return tests.stream();
    }

    /** Whether the operation's JSON body is an object the service defines, rather than text it parses itself. */
    @SuppressWarnings("unchecked")
    private static boolean takesJsonObject(Map<String, Object> operation) {
        if (!(operation.get("requestBody") instanceof Map<?, ?> body)
                || !(body.get("content") instanceof Map<?, ?> content)
                || !(content.get("application/json") instanceof Map<?, ?> json)
                || !(json.get("schema") instanceof Map<?, ?> schema)) {
            return false;
        }
        return ((Map<String, Object>) schema).containsKey("$ref");
    }

    private List<DynamicTest> testsFor(String method, String template, Map<String, Object> operation) {
        List<DynamicTest> tests = new ArrayList<>();
        Matcher matcher = PATH_PARAMETER.matcher(template);
        while (matcher.find()) {
            String parameter = matcher.group(1);
            for (int i = 0; i < HOSTILE.size(); i++) {
                String value = HOSTILE.get(i);
                if (value.equals(DOT_SEGMENT)) {
                    continue;
                }
                String name = method.toUpperCase() + " " + template + " with hostile {" + parameter + "} #" + i;
                tests.add(DynamicTest.dynamicTest(
                        name, () -> assertRefused(method, fill(template, parameter, value), null, null)));
            }
        }
        for (String parameter : queryParameters(operation)) {
            for (int i = 0; i < HOSTILE.size(); i++) {
                String value = HOSTILE.get(i);
                String name = method.toUpperCase() + " " + template + " with hostile ?" + parameter + " #" + i;
                tests.add(DynamicTest.dynamicTest(
                        name, () -> assertRefused(method, fill(template, null, null), parameter, value)));
            }
        }
        return tests;
    }

    @SuppressWarnings("unchecked")
    private List<String> queryParameters(Map<String, Object> operation) {
        Object declared = operation.get("parameters");
        if (!(declared instanceof List<?> parameters)) {
            return List.of();
        }
        return parameters.stream()
                .map(parameter -> (Map<String, Object>) parameter)
                .filter(parameter -> "query".equals(parameter.get("in")))
                .map(parameter -> (String) parameter.get("name"))
                .filter(name -> !queryParametersLeftOut().contains(name))
                .toList();
    }

    private void assertRefused(String method, String path, String queryParameter, String queryValue) {
        String url = queryParameter == null ? path : path + "?" + queryParameter + "=" + encode(queryValue);
        assertRefused(method, url, "{}", queryParameter != null);
    }

    private void assertRefused(String method, String url, String body, boolean byQueryParameter) {
        RestAssured.requestSpecification = null;
        Response response = given().urlEncodingEnabled(false)
                .header("Authorization", TestTokens.bearer(TestTokens.admin("*")))
                .contentType("application/json")
                .body(body)
                .when()
                .request(method.toUpperCase(), url);
        String answer = response.body().asString();
        int status = response.statusCode();
        assertTrue(
                status >= 400 && status < 500,
                () -> method.toUpperCase() + " " + url + " answered " + status + ": " + answer);
        // A filter's value is judged by the endpoint it reached, which is there: only a 400 says the value is wrong.
        assertTrue(
                !byQueryParameter || status == 400,
                () -> method.toUpperCase() + " " + url + " answered " + status + ", not 400: " + answer);
        assertTrue(
                String.valueOf(response.contentType()).startsWith("application/problem+json"),
                () -> method.toUpperCase() + " " + url + " answered " + status + " as " + response.contentType());
        assertFalse(
                INTERNALS.matcher(answer).find(),
                () -> method.toUpperCase() + " " + url + " revealed internals: " + answer);
    }

    private String fill(String template, String hostileParameter, String hostileValue) {
        Matcher matcher = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String parameter = matcher.group(1);
            String value = parameter.equals(hostileParameter)
                    ? hostileValue
                    : pathValues().getOrDefault(parameter, "3f1e9f3c-6a51-4c3e-8d55-3c1b8f0a9e21");
            matcher.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** Percent-encodes everything but unreserved characters, dots included, so {@code ..} reaches the server. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace(".", "%2E")
                .replace("*", "%2A");
    }
}
