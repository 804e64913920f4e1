package io.vigil.alert.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What most resource tests start from: a new subscription on the Standard tier, requests as a SecurityAdmin of every
 * subscription who also holds the collector's credential, and a way to deliver messages.
 */
public abstract class StandardSubscriptionTest {

    @Inject
    protected ObjectMapper json;

    @Inject
    protected Pool pool;

    protected Delivery delivery;
    protected String subscription;

    @BeforeEach
    void newStandardSubscription() {
        Callers.everyRequestAsAdmin();
        delivery = new Delivery(json);
        subscription = standardSubscription();
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    protected static String standardSubscription() {
        String subscription = "sub-" + UUID.randomUUID();
        PolicyStub.setPricingTier(subscription, "Standard");
        return subscription;
    }

    /** The subscription's alerts with one filter (or none, when {@code parameter} is null), up to 200. */
    protected JsonPath alerts(String parameter, String value) {
        RequestSpecification request = given().queryParam("limit", 200);
        if (parameter != null) {
            request = request.queryParam(parameter, value);
        }
        return request.when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The first column of the first row of a query with one parameter. */
    @SuppressWarnings("unchecked")
    protected <T> T single(String query, Object parameter) {
        return (T) pool.preparedQuery(query)
                .execute(Tuple.of(parameter))
                .map(rows -> rows.iterator().next().getValue(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
