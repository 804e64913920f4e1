package io.vigil.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.RestAssured;
import java.util.Map;

/** The endpoints that the service under test publishes in its OpenAPI document, as the matrices walk them. */
final class PublishedEndpoints {

    private PublishedEndpoints() {}

    /** Path template to HTTP method (lower case) to the operation's description. */
    static Map<String, Map<String, Map<String, Object>>> paths() {
        // Other tests of the service may have set default credentials; the document is open to everybody.
        RestAssured.requestSpecification = null;
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        assertFalse(paths.isEmpty(), "the service publishes no endpoints");
        return paths;
    }
}
