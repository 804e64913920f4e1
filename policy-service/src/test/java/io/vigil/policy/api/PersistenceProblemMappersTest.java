package io.vigil.policy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.common.problem.Problem;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Only a lost race on a scope is a 409; a constraint error of any other kind is the service's own fault. */
class PersistenceProblemMappersTest {

    private final PersistenceProblemMappers mappers = new PersistenceProblemMappers();

    @Test
    void aSecondCreationOfTheSameScopeIsAConcurrentModification() {
        Response answer = mappers.constraintBroken(violation("23505", "scope_policy_scope_unique"));

        assertEquals(409, answer.getStatus());
        assertEquals(Problem.TYPE_PREFIX + "concurrent-modification", typeOf(answer));
    }

    @Test
    void aStaleVersionIsAConcurrentModification() {
        assertEquals(
                409,
                mappers.staleWrite(new StaleObjectStateException("ScopePolicyEntity", 3L))
                        .getStatus());
        assertEquals(
                409,
                mappers.concurrentWrite(new OptimisticLockException("stale")).getStatus());
    }

    @Test
    void otherConstraintErrorsGetTheGenericAnswer() {
        for (ConstraintViolationException other : new ConstraintViolationException[] {
            violation("23505", "policy_change_pkey"), violation("23502", null), violation("23514", "some_check")
        }) {
            Response answer = mappers.constraintBroken(other);

            assertEquals(500, answer.getStatus(), other.getConstraintName());
            assertEquals(Problem.TYPE_PREFIX + "internal-error", typeOf(answer));
        }
    }

    private static ConstraintViolationException violation(String sqlState, String constraint) {
        return new ConstraintViolationException(
                "could not execute statement", new SQLException("refused", sqlState), constraint);
    }

    private static String typeOf(Response answer) {
        return ((Problem) answer.getEntity()).type();
    }
}
