package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.GROUP_POLICY;
import static io.vigil.policy.support.Scopes.HISTORY;
import static io.vigil.policy.support.Scopes.SUBSCRIPTION_POLICY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.Callers;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies that must be refused with the offending field named, for both scopes, and leave the policy untouched. */
@QuarkusTest
class PolicyValidationTest {

    private static final String UNKNOWN_FIELD = "{\"colour\": \"blue\"}";
    private static final String UNKNOWN_NESTED_FIELD = "{\"recommendations\": {\"firewall\": \"On\"}}";
    private static final String UNKNOWN_TIER = "{\"pricingTier\": \"Gold\"}";
    private static final String UNKNOWN_SWITCH_VALUE = "{\"recommendations\": {\"diskEncryption\": \"Maybe\"}}";
    private static final String SILENCE_ZERO = "{\"agentSilenceMinutes\": 0}";
    private static final String SILENCE_TOO_LONG = "{\"agentSilenceMinutes\": 1441}";
    private static final String SILENCE_NOT_A_NUMBER = "{\"agentSilenceMinutes\": \"soon\"}";
    private static final String SILENCE_FRACTION = "{\"agentSilenceMinutes\": 1.5}";
    private static final String SILENCE_PAST_ANY_INTEGER = "{\"agentSilenceMinutes\": 99999999999}";
    private static final String NUMBER_FOR_SWITCH = "{\"dataCollection\": 1}";
    private static final String EMAILS_NOT_A_LIST = "{\"securityContact\": {\"emails\": \"secops@example.com\"}}";
    private static final String MALFORMED_EMAIL = "{\"securityContact\": {\"emails\": [\"not-an-address\"]}}";
    private static final String EMAIL_WITHOUT_DOMAIN = "{\"securityContact\": {\"emails\": [\"secops@localhost\"]}}";
    private static final String BLANK_EMAIL = "{\"securityContact\": {\"emails\": [\"ok@example.com\", \"  \"]}}";
    private static final String DUPLICATE_EMAILS =
            "{\"securityContact\": {\"emails\": [\"secops@example.com\", \"SecOps@example.com\"]}}";
    private static final String NOTIFY_AS_NUMBER = "{\"securityContact\": {\"notifyOnHighSeverityAlerts\": 1}}";
    private static final String NOTIFY_AS_TEXT = "{\"securityContact\": {\"notifyOnHighSeverityAlerts\": \"true\"}}";
    private static final String NOTIFY_AS_LIST = "{\"securityContact\": {\"notifyOnHighSeverityAlerts\": [true]}}";
    private static final String TWENTY_ONE_EMAILS = "{\"securityContact\": {\"emails\": ["
            + IntStream.rangeClosed(1, 21)
                    .mapToObj(i -> "\"person" + i + "@example.com\"")
                    .collect(Collectors.joining(","))
            + "]}}";

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of(UNKNOWN_FIELD, "colour"),
                Arguments.of(UNKNOWN_NESTED_FIELD, "recommendations.firewall"),
                Arguments.of(UNKNOWN_TIER, "pricingTier"),
                Arguments.of(UNKNOWN_SWITCH_VALUE, "recommendations.diskEncryption"),
                Arguments.of(SILENCE_ZERO, "agentSilenceMinutes"),
                Arguments.of(SILENCE_TOO_LONG, "agentSilenceMinutes"),
                Arguments.of(SILENCE_NOT_A_NUMBER, "agentSilenceMinutes"),
                Arguments.of(SILENCE_FRACTION, "agentSilenceMinutes"),
                Arguments.of(SILENCE_PAST_ANY_INTEGER, "agentSilenceMinutes"),
                Arguments.of(NUMBER_FOR_SWITCH, "dataCollection"),
                Arguments.of(EMAILS_NOT_A_LIST, "securityContact.emails"),
                Arguments.of(MALFORMED_EMAIL, "securityContact.emails[0]"),
                Arguments.of(EMAIL_WITHOUT_DOMAIN, "securityContact.emails[0]"),
                Arguments.of(BLANK_EMAIL, "securityContact.emails[1]"),
                Arguments.of(DUPLICATE_EMAILS, "securityContact.emails"),
                Arguments.of(TWENTY_ONE_EMAILS, "securityContact.emails"),
                Arguments.of(NOTIFY_AS_NUMBER, "securityContact.notifyOnHighSeverityAlerts"),
                Arguments.of(NOTIFY_AS_TEXT, "securityContact.notifyOnHighSeverityAlerts"),
                Arguments.of(NOTIFY_AS_LIST, "securityContact.notifyOnHighSeverityAlerts"));
    }

    @BeforeEach
    void actAsSecurityAdministrator() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void forgetCredentials() {
        Callers.everyRequestAnonymous();
    }

    @ParameterizedTest
    @MethodSource("refusedBodies")
    void subscriptionPolicyRefusesNamingTheField(String body, String field) {
        String sub = newSubscription();

        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(SUBSCRIPTION_POLICY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        given().when().get(SUBSCRIPTION_POLICY, sub).then().header("ETag", "\"0\"");
        given().when().get(HISTORY, sub).then().body("value", hasSize(0));
    }

    /** Bodies that are no policy at all: a list, a bare value, or a policy with more JSON after it. */
    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"On\"", "{} {}", "{\"dataCollection\": \"On\"} []"})
    void refusesABodyThatIsNotOnePolicyObject(String body) {
        String sub = newSubscription();

        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(SUBSCRIPTION_POLICY, sub)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-body"));
        given().when().get(SUBSCRIPTION_POLICY, sub).then().header("ETag", "\"0\"");
    }

    @ParameterizedTest
    @MethodSource("refusedBodies")
    void resourceGroupPolicyRefusesNamingTheField(String body, String field) {
        String sub = newSubscription();

        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(GROUP_POLICY, sub, "Web")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors.field", hasItem(field));
        given().when().get(GROUP_POLICY, sub, "Web").then().header("ETag", "\"0\"");
    }
}
