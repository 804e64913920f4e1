package io.vigil.collector.db;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

/** Tells a failure that is one named constraint refusing a write, whichever client made the write. */
public final class Constraints {

    private Constraints() {}

    /** Whether {@code failure}, or one of its causes, is {@code constraint} violated (reactive client or Hibernate). */
    public static boolean violated(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && constraint.equals(pg.getConstraint())) {
                return true;
            }
            if (cause instanceof ConstraintViolationException violation
                    && violation.getConstraintName() != null
                    && violation.getConstraintName().contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
