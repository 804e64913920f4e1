package io.vigil.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is stable per kind of failure so clients can branch on it; the other
 * fields are for people.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "/problems/";

    /** One rejected input: the field (a JSON pointer-like path or a parameter name) and why. */
    public record FieldError(String field, String message) {}
}
