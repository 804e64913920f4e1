package io.vigil.policy.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;

/** The requests most policy tests make, against a subscription of their own so tests never see each other's data. */
public final class Scopes {

    public static final String SUBSCRIPTION_POLICY = "/api/v1/subscriptions/{sub}/policy";
    public static final String GROUP_POLICY = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/policy";
    public static final String EFFECTIVE_POLICY = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/effectivePolicy";
    public static final String HISTORY = "/api/v1/subscriptions/{sub}/policy/history";

    private Scopes() {}

    public static String newSubscription() {
        return "sub-" + UUID.randomUUID();
    }

    public static Response putSubscription(String sub, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().put(SUBSCRIPTION_POLICY, sub);
    }

    public static Response putGroup(String sub, String rg, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().put(GROUP_POLICY, sub, rg);
    }
}
