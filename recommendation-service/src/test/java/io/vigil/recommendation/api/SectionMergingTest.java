package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.ALL_ENCRYPTED;
import static io.vigil.recommendation.TestData.CLEAN_SCAN;
import static io.vigil.recommendation.TestData.FAILING_BASELINE;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.NO_ANTIMALWARE;
import static io.vigil.recommendation.TestData.NO_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.PASSING_BASELINE;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.TWO_FINDINGS;
import static io.vigil.recommendation.TestData.WEDNESDAY;
import static io.vigil.recommendation.TestData.defender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.state.StateReport;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reports arrive one section at a time and out of order. For every section, seen through the recommendation it
 * raises: a report of another section leaves it as it was, and a report collected before the stored one changes
 * nothing, whichever of the two shows the problem.
 */
@QuarkusTest
class SectionMergingTest {

    /** A section's problem and its fix, each sent in a report that carries that section alone. */
    record SectionCase(
            String section,
            String type,
            String osType,
            Object problem,
            Object fix,
            BiFunction<Instant, Object, StateReport> alone) {

        StateReport problemAt(Instant collectedAt) {
            return alone.apply(collectedAt, problem);
        }

        StateReport fixAt(Instant collectedAt) {
            return alone.apply(collectedAt, fix);
        }

        /** A report of a different section that raises nothing. */
        StateReport otherSectionAt(Instant collectedAt) {
            return section.equals("diskEncryption")
                    ? new StateReport(collectedAt, NO_UPDATE_MISSING, null, null, null, null)
                    : new StateReport(collectedAt, null, null, ALL_ENCRYPTED, null, null);
        }

        @Override
        public String toString() {
            return section;
        }
    }

    @Inject
    ObjectMapper json;

    private TestMessages messages;
    private String subscription;

    @BeforeEach
    void newSubscription() {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    static Stream<SectionCase> sections() {
        return Stream.of(
                new SectionCase(
                        "updates",
                        "ApplySystemUpdates",
                        "Linux",
                        ONE_SECURITY_UPDATE_MISSING,
                        NO_UPDATE_MISSING,
                        (at, value) -> new StateReport(at, (StateReport.Updates) value, null, null, null, null)),
                new SectionCase(
                        "endpointProtection",
                        "InstallEndpointProtection",
                        "Windows",
                        NO_ANTIMALWARE,
                        defender(Instant.now()),
                        (at, value) ->
                                new StateReport(at, null, (StateReport.EndpointProtection) value, null, null, null)),
                new SectionCase(
                        "diskEncryption",
                        "ApplyDiskEncryption",
                        "Linux",
                        ROOT_UNENCRYPTED,
                        ALL_ENCRYPTED,
                        (at, value) -> new StateReport(at, null, null, (StateReport.DiskEncryption) value, null, null)),
                new SectionCase(
                        "baseline",
                        "RemediateOsVulnerabilities",
                        "Linux",
                        FAILING_BASELINE,
                        PASSING_BASELINE,
                        (at, value) -> new StateReport(at, null, null, null, (StateReport.Baseline) value, null)),
                new SectionCase(
                        "vulnerabilityAssessment",
                        "RemediateVulnerabilities",
                        "Linux",
                        TWO_FINDINGS,
                        CLEAN_SCAN,
                        (at, value) -> new StateReport(
                                at, null, null, null, null, (StateReport.VulnerabilityAssessment) value)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void aReportOfAnotherSectionLeavesThisSectionAsItWas(SectionCase section) {
        MachineRef machine = reportingMachine(section);
        messages.deliver(messages.reported(machine, section.osType(), section.problemAt(MONDAY)));

        messages.deliver(messages.reported(machine, section.osType(), section.otherSectionAt(TUESDAY)));

        assertEquals("Active", stateOf(section.type()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void anOlderReportOfTheSectionDoesNotUndoTheFixANewerOneShowed(SectionCase section) {
        MachineRef machine = reportingMachine(section);
        messages.deliver(messages.reported(machine, section.osType(), section.fixAt(WEDNESDAY)));

        messages.deliver(messages.reported(machine, section.osType(), section.problemAt(MONDAY)));

        assertNull(stateOf(section.type()), "the older problem raised " + section.type());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void anOlderReportOfTheSectionDoesNotResolveTheProblemANewerOneShowed(SectionCase section) {
        MachineRef machine = reportingMachine(section);
        messages.deliver(messages.reported(machine, section.osType(), section.problemAt(WEDNESDAY)));

        messages.deliver(messages.reported(machine, section.osType(), section.fixAt(MONDAY)));

        assertEquals("Active", stateOf(section.type()));
        messages.deliver(messages.reported(machine, section.osType(), section.fixAt(WEDNESDAY.plusSeconds(60))));
        assertEquals("Resolved", stateOf(section.type()), "a newer fix still resolves it");
    }

    private MachineRef reportingMachine(SectionCase section) {
        MachineRef machine =
                new MachineRef(subscription, "rg", "vm-" + section.section().toLowerCase());
        messages.deliver(messages.registered(machine, section.osType()), messages.agentStatus(machine, "Reporting"));
        return machine;
    }

    private String stateOf(String type) {
        return given().queryParam("type", type)
                .when()
                .get("/api/v1/subscriptions/{sub}/recommendations", subscription)
                .then()
                .statusCode(200)
                .extract()
                .path("value[0].state");
    }
}
