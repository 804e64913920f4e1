package io.vigil.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers. Every answer is problem+json with a stable type; nothing about
 * classes, stack frames or SQL reaches the caller.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.status(), e.typeSlug(), e.title(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(400, "validation-failed", "Invalid input", detail, errors);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = pathOf(e);
        return respond(
                400,
                "validation-failed",
                "Invalid input",
                "Unknown field '" + field + "'",
                List.of(new Problem.FieldError(field, "unknown field")));
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e) {
        String field = pathOf(e);
        String message = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "must be one of " + Arrays.toString(e.getTargetType().getEnumConstants())
                : "has an invalid value";
        return respond(
                400,
                "validation-failed",
                "Invalid input",
                "Field '" + field + "' " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response mappingFailure(JsonMappingException e) {
        return mappingProblem(e);
    }

    /** A value of the wrong JSON shape, such as an array where an object belongs; Quarkus's own answer has no body. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return mappingProblem(e);
    }

    private Response mappingProblem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (e instanceof InvalidFormatException invalid) {
            return invalidValue(invalid);
        }
        String field = pathOf(e);
        String detail = field.isEmpty()
                ? "The body does not have the expected shape"
                : "Field '" + field + "' has the wrong type";
        return respond(400, "malformed-body", "Malformed request body", detail, List.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(400, "malformed-body", "Malformed request body", "The body is not valid JSON", List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof JsonMappingException mapping ? mappingProblem(mapping) : malformedJson(json);
        }
        if (status >= 500) {
            Log.error("Request failed", e);
            return internal();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request refused";
        String slug = title.toLowerCase().replace(' ', '-');
        return respond(status, slug, title, title, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Log.error("Unexpected failure while serving a request", e);
        return internal();
    }

    private static Response internal() {
        return respond(500, "internal-error", "Internal error", "The request could not be completed", List.of());
    }

    public static Response respond(
            int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem(Problem.TYPE_PREFIX + slug, title, status, detail, null, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString().replace(".<list element>", "");
        // Method parameter paths read "put.arg1.name"; the caller knows only the last parts.
        String[] parts = path.split("\\.");
        return parts.length > 2
                ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
