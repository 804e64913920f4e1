package io.vigil.recommendation.state;

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
import static io.vigil.recommendation.TestData.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vigil.common.state.StateReport;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MachineStateTest {

    /** Every section, as a machine reported it on Monday. */
    private static final StateReport EVERY_SECTION = new StateReport(
            MONDAY, ONE_SECURITY_UPDATE_MISSING, NO_ANTIMALWARE, ROOT_UNENCRYPTED, FAILING_BASELINE, TWO_FINDINGS);

    /**
     * One report section: its value in {@link #EVERY_SECTION}, another value of it, a report that carries only this
     * section, and where the state keeps it.
     */
    record SectionCase(
            String name,
            Object reported,
            Object changed,
            BiFunction<Instant, Object, StateReport> alone,
            Function<MachineState, Section<?>> stored) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<SectionCase> sections() {
        return Stream.of(
                new SectionCase(
                        "updates",
                        ONE_SECURITY_UPDATE_MISSING,
                        NO_UPDATE_MISSING,
                        (at, value) -> new StateReport(at, (StateReport.Updates) value, null, null, null, null),
                        MachineState::updates),
                new SectionCase(
                        "endpointProtection",
                        NO_ANTIMALWARE,
                        defender(MONDAY),
                        (at, value) ->
                                new StateReport(at, null, (StateReport.EndpointProtection) value, null, null, null),
                        MachineState::endpointProtection),
                new SectionCase(
                        "diskEncryption",
                        ROOT_UNENCRYPTED,
                        ALL_ENCRYPTED,
                        (at, value) -> new StateReport(at, null, null, (StateReport.DiskEncryption) value, null, null),
                        MachineState::diskEncryption),
                new SectionCase(
                        "baseline",
                        FAILING_BASELINE,
                        PASSING_BASELINE,
                        (at, value) -> new StateReport(at, null, null, null, (StateReport.Baseline) value, null),
                        MachineState::baseline),
                new SectionCase(
                        "vulnerabilityAssessment",
                        TWO_FINDINGS,
                        CLEAN_SCAN,
                        (at, value) -> new StateReport(
                                at, null, null, null, null, (StateReport.VulnerabilityAssessment) value),
                        MachineState::vulnerabilityAssessment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void aSectionSentAloneReplacesThatSectionOnly(SectionCase sent) {
        MachineState before = MachineState.EMPTY.merge(EVERY_SECTION, MONDAY);

        MachineState after = before.merge(sent.alone().apply(TUESDAY, sent.changed()), TUESDAY);

        assertEquals(sent.changed(), sent.stored().apply(after).value());
        assertEquals(TUESDAY, sent.stored().apply(after).collectedAt());
        sections().filter(other -> !other.name().equals(sent.name())).forEach(other -> {
            assertEquals(other.reported(), other.stored().apply(after).value(), other.name());
            assertEquals(MONDAY, other.stored().apply(after).collectedAt(), other.name());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void aSectionCollectedBeforeTheStoredOneDoesNotOverwriteIt(SectionCase sent) {
        MachineState newer = MachineState.EMPTY.merge(sent.alone().apply(WEDNESDAY, sent.changed()), WEDNESDAY);

        MachineState afterOlder = newer.merge(EVERY_SECTION, WEDNESDAY);

        assertEquals(sent.changed(), sent.stored().apply(afterOlder).value());
        assertEquals(WEDNESDAY, sent.stored().apply(afterOlder).collectedAt());
        sections()
                .filter(other -> !other.name().equals(sent.name()))
                .forEach(other -> assertEquals(
                        other.reported(),
                        other.stored().apply(afterOlder).value(),
                        "a section not stored yet is taken"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void aSectionCollectedAtTheSameMomentAsTheStoredOneReplacesIt(SectionCase sent) {
        MachineState first = MachineState.EMPTY.merge(sent.alone().apply(MONDAY, sent.reported()), MONDAY);

        MachineState again = first.merge(sent.alone().apply(MONDAY, sent.changed()), TUESDAY);

        assertEquals(sent.changed(), sent.stored().apply(again).value());
    }

    @Test
    void keepsSectionsTheReportLeavesOut() {
        MachineState first = MachineState.EMPTY.merge(report(MONDAY, ONE_SECURITY_UPDATE_MISSING, null), MONDAY);
        MachineState second = first.merge(report(TUESDAY, null, ROOT_UNENCRYPTED), TUESDAY);

        assertEquals(ONE_SECURITY_UPDATE_MISSING, second.updates().value());
        assertEquals(MONDAY, second.updates().collectedAt());
        assertEquals(ROOT_UNENCRYPTED, second.diskEncryption().value());
        assertNull(second.baseline());
    }

    @Test
    void datesAReportWithoutCollectionTimeByItsArrival() {
        StateReport undated = report(null, ONE_SECURITY_UPDATE_MISSING, null);

        MachineState state = MachineState.EMPTY.merge(undated, TUESDAY);

        assertEquals(TUESDAY, state.updates().collectedAt());
    }
}
