package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.EFFECTIVE_POLICY;
import static io.vigil.policy.support.Scopes.SUBSCRIPTION_POLICY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static io.vigil.policy.support.Scopes.putGroup;
import static io.vigil.policy.support.Scopes.putSubscription;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.Callers;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of the policy, in each direction: the group overrides the subscription, the group inherits from it,
 * the default applies where neither sets the field, and the group's value applies where only the group sets it.
 */
@QuarkusTest
class PolicyInheritanceTest {

    private static final String GROUP = "Web-RG";
    private static final List<String> SECOPS = List.of("secops@example.com");
    private static final List<String> WEB_TEAM = List.of("web-team@example.com");

    /**
     * One policy field: where it sits in the body, two values that differ from each other, what the test reads back
     * for each and for the default, and where the effective policy names its source.
     */
    record Field(
            String path,
            Object first,
            Object second,
            String readPath,
            Object firstRead,
            Object secondRead,
            Object defaultRead,
            String sourcePath) {

        static Field simple(String path, Object first, Object second, Object byDefault) {
            return new Field(path, first, second, path, first, second, byDefault, "inheritedFrom." + path);
        }

        /** A group body that sets some other field, so the group exists and still leaves this one empty. */
        Map<String, Object> otherFieldOnly() {
            return path.equals("agentSilenceMinutes")
                    ? Map.of("dataCollection", "On")
                    : Map.of("agentSilenceMinutes", 7);
        }

        Map<String, Object> setting(Object value) {
            String[] parts = path.split("\\.");
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Object> level = body;
            for (int i = 0; i < parts.length - 1; i++) {
                Map<String, Object> inner = new LinkedHashMap<>();
                level.put(parts[i], inner);
                level = inner;
            }
            level.put(parts[parts.length - 1], value);
            return body;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Field> fields() {
        return Stream.of(
                Field.simple("dataCollection", "On", "Off", "Off"),
                Field.simple("pricingTier", "Standard", "Free", "Free"),
                Field.simple("recommendations.systemUpdates", "Off", "On", "On"),
                Field.simple("recommendations.securityConfigurations", "Off", "On", "On"),
                Field.simple("recommendations.endpointProtection", "Off", "On", "On"),
                Field.simple("recommendations.diskEncryption", "Off", "On", "On"),
                Field.simple("recommendations.vulnerabilityAssessment", "Off", "On", "On"),
                Field.simple("agentSilenceMinutes", 30, 5, 15),
                Field.simple("securityContact.emails", SECOPS, WEB_TEAM, List.of()),
                Field.simple("securityContact.notifyOnHighSeverityAlerts", true, false, false));
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
    @MethodSource("fields")
    void groupValueOverridesTheSubscriptions(Field field) {
        String sub = newSubscription();
        putSubscription(sub, field.setting(field.first())).then().statusCode(200);
        putGroup(sub, GROUP, field.setting(field.second())).then().statusCode(200);

        expectEffective(sub, field, field.secondRead(), "resourceGroup");
    }

    @ParameterizedTest
    @MethodSource("fields")
    void groupLeavingTheFieldEmptyInheritsTheSubscriptions(Field field) {
        String sub = newSubscription();
        putSubscription(sub, field.setting(field.first())).then().statusCode(200);
        putGroup(sub, GROUP, field.otherFieldOnly()).then().statusCode(200);

        expectEffective(sub, field, field.firstRead(), "subscription");
    }

    @ParameterizedTest
    @MethodSource("fields")
    void fieldSetByNeitherScopeTakesTheDefault(Field field) {
        String sub = newSubscription();
        putSubscription(sub, field.otherFieldOnly()).then().statusCode(200);
        putGroup(sub, GROUP, field.otherFieldOnly()).then().statusCode(200);

        expectEffective(sub, field, field.defaultRead(), "default");
        given().when()
                .get(SUBSCRIPTION_POLICY, sub)
                .then()
                .statusCode(200)
                .body(field.readPath(), equalTo(field.defaultRead()));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void groupValueAppliesWhereTheSubscriptionLeavesTheFieldEmpty(Field field) {
        String sub = newSubscription();
        putSubscription(sub, field.otherFieldOnly()).then().statusCode(200);
        putGroup(sub, GROUP, field.setting(field.first())).then().statusCode(200);

        expectEffective(sub, field, field.firstRead(), "resourceGroup");
    }

    @ParameterizedTest
    @MethodSource("fields")
    void otherGroupsOfTheSubscriptionKeepInheriting(Field field) {
        String sub = newSubscription();
        putSubscription(sub, field.setting(field.first())).then().statusCode(200);
        Map<String, Object> override = new HashMap<>(field.setting(field.second()));
        putGroup(sub, GROUP, override).then().statusCode(200);

        given().when()
                .get(EFFECTIVE_POLICY, sub, "Other-RG")
                .then()
                .statusCode(200)
                .body(field.readPath(), equalTo(field.firstRead()))
                .body(field.sourcePath(), equalTo("subscription"));
    }

    private static void expectEffective(String sub, Field field, Object value, String source) {
        given().when()
                .get(EFFECTIVE_POLICY, sub, GROUP.toLowerCase(Locale.ROOT))
                .then()
                .statusCode(200)
                .body("subscriptionId", equalTo(sub))
                .body(field.readPath(), equalTo(value))
                .body(field.sourcePath(), equalTo(source));
    }
}
