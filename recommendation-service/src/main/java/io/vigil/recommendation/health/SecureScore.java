package io.vigil.recommendation.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A subscription's secure score. Each control scores {@code maxScore × healthy ÷ (healthy + unhealthy)} over the
 * machines it applies to; a control that applies to no machine counts neither in the score nor in its maximum. The
 * subscription's score is the sum of the controls' scores over the sum of their maximums, also given as a percentage.
 */
public record SecureScore(double current, int max, double percentage, List<ControlScore> controls) {

    /** How many machines stand where on one control. */
    public record Counts(long healthy, long unhealthy, long notApplicable) {}

    public record ControlScore(
            String control, int maxScore, double currentScore, long healthy, long unhealthy, long notApplicable) {}

    public static SecureScore of(Map<SecurityControl, Counts> counts) {
        List<ControlScore> controls = new ArrayList<>();
        double current = 0;
        int max = 0;
        for (SecurityControl control : SecurityControl.values()) {
            Counts count = counts.getOrDefault(control, new Counts(0, 0, 0));
            long applicable = count.healthy() + count.unhealthy();
            double score = applicable == 0 ? 0 : (double) control.maxScore() * count.healthy() / applicable;
            controls.add(new ControlScore(
                    control.json(),
                    control.maxScore(),
                    round(score),
                    count.healthy(),
                    count.unhealthy(),
                    count.notApplicable()));
            if (applicable > 0) {
                current += score;
                max += control.maxScore();
            }
        }
        double percentage = max == 0 ? 0 : 100 * current / max;
        return new SecureScore(round(current), max, round(percentage), List.copyOf(controls));
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
