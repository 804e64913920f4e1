package io.vigil.recommendation.state;

import static io.vigil.recommendation.TestData.ALL_ENCRYPTED;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.NO_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.WEDNESDAY;
import static io.vigil.recommendation.TestData.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vigil.common.state.StateReport;
import org.junit.jupiter.api.Test;

class MachineStateTest {

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
    void replacesASectionWithANewerOne() {
        MachineState first = MachineState.EMPTY.merge(report(MONDAY, ONE_SECURITY_UPDATE_MISSING, null), MONDAY);
        MachineState second = first.merge(report(TUESDAY, NO_UPDATE_MISSING, null), TUESDAY);

        assertEquals(NO_UPDATE_MISSING, second.updates().value());
        assertEquals(TUESDAY, second.updates().collectedAt());
    }

    @Test
    void ignoresASectionCollectedBeforeTheStoredOne() {
        MachineState newer = MachineState.EMPTY.merge(report(WEDNESDAY, null, ROOT_UNENCRYPTED), WEDNESDAY);
        MachineState afterOlder = newer.merge(report(MONDAY, ONE_SECURITY_UPDATE_MISSING, ALL_ENCRYPTED), WEDNESDAY);

        assertEquals(ROOT_UNENCRYPTED, afterOlder.diskEncryption().value());
        assertEquals(WEDNESDAY, afterOlder.diskEncryption().collectedAt());
        assertEquals(ONE_SECURITY_UPDATE_MISSING, afterOlder.updates().value(), "a section not stored yet is taken");
    }

    @Test
    void datesAReportWithoutCollectionTimeByItsArrival() {
        StateReport undated = report(null, ONE_SECURITY_UPDATE_MISSING, null);

        MachineState state = MachineState.EMPTY.merge(undated, TUESDAY);

        assertEquals(TUESDAY, state.updates().collectedAt());
    }
}
