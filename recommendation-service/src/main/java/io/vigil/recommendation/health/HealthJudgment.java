package io.vigil.recommendation.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine's health on each control, and for each unhealthy control the problems that make it so, in plain
 * sentences, keyed by the control's name in the API. The sentences do not vary with counts or dates, so the machines
 * of one policy change fall into a few judgments and are written with a few statements.
 */
public record HealthJudgment(MachineHealth controls, Map<String, List<String>> reasons) {

    public HealthJudgment {
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }
}
