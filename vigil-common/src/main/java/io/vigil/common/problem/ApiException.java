package io.vigil.common.problem;

import java.util.List;

/**
 * A failure that the caller caused or must know about, answered as problem+json with the given status and stable
 * type slug. The message is shown to the caller, so it must never carry internals.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String typeSlug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String typeSlug, String title, String detail) {
        this(status, typeSlug, title, detail, List.of());
    }

    public ApiException(int status, String typeSlug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(
                400, "validation-failed", "Invalid input", message, List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, "dependency-unavailable", "Service unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String typeSlug() {
        return typeSlug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
