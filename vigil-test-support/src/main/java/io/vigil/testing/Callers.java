package io.vigil.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import io.vigil.common.security.Headers;

/**
 * Who a test calls as. Most tests are about behaviour, not access: they call as a SecurityAdmin of every subscription
 * who also holds collector-service's credential. Tests about access start anonymous and name each caller.
 */
public final class Callers {

    public static final String AUTHORIZATION = "Authorization";
    /** The collector's credential as the services' test profiles accept it. */
    public static final String COLLECTOR_CREDENTIAL = "collector:test-collector-token";

    public static final String COLLECTOR_WITH_WRONG_TOKEN = "collector:not-the-collector-token";

    private Callers() {}

    /** Every request of the test, unless it says otherwise, as a SecurityAdmin of every subscription. */
    public static void everyRequestAsAdmin() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader(AUTHORIZATION, TestTokens.bearer(TestTokens.admin("*")))
                .addHeader(Headers.SERVICE_CREDENTIAL, COLLECTOR_CREDENTIAL)
                .build();
    }

    /** Requests carry only the credentials the test gives them. */
    public static void everyRequestAnonymous() {
        RestAssured.requestSpecification = null;
    }

    public static String bearer(String token) {
        return TestTokens.bearer(token);
    }

    public static RequestSpecification asAdmin(String... subscriptions) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(subscriptions)));
    }

    public static RequestSpecification asReader(String... subscriptions) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(subscriptions)));
    }

    public static RequestSpecification asAgent(String ingestionKey) {
        return given().header(Headers.INGESTION_KEY, ingestionKey);
    }
}
