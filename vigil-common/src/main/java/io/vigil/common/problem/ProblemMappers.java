package io.vigil.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.vigil.common.json.UnstorableValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.invoke.MethodType;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers. Every answer is problem+json with a stable type; nothing about
 * classes, stack frames or SQL reaches the caller.
 */
public class ProblemMappers {

    /** How long a caller refused because the database cannot be reached is asked to wait, in seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

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
        String message;
        if (e instanceof UnstorableValue unstorable) {
            message = unstorable.rule();
        } else if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.toString(e.getTargetType().getEnumConstants());
        } else {
            message = "has an invalid value";
        }
        return invalidField(field, message);
    }

    @ServerExceptionMapper
    public Response mappingFailure(JsonMappingException e) {
        return mappingProblem(e);
    }

    /** Named apart: the REST layer has a mapper of its own for this type, which answers 400 with no body. */
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
        if (e.getCause() instanceof JsonParseException syntax) {
            // The document broke off or went wrong inside a field: the JSON is at fault, not the field.
            return malformedJson(syntax);
        }
        String field = pathOf(e);
        if (field.isEmpty()) {
            return respond(
                    400,
                    "malformed-body",
                    "Malformed request body",
                    "The body does not have the expected shape",
                    List.of());
        }
        return invalidField(field, "has the wrong type or is out of range");
    }

    private static Response invalidField(String field, String message) {
        return respond(
                400,
                "validation-failed",
                "Invalid input",
                "Field '" + field + "' " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(400, "malformed-body", "Malformed request body", "The body is not valid JSON", List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ResourceInfo resource, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof JsonMappingException mapping ? mappingProblem(mapping) : malformedJson(json);
        }
        if (e instanceof NotFoundException
                && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            return unconvertibleParameter(resource, uri);
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
        if (DatabaseOutage.isOutage(e)) {
            Log.warnf("Request refused while the database cannot be reached: %s", e.getMessage());
            Response problem = respond(
                    503,
                    "database-unavailable",
                    "Service unavailable",
                    "The database cannot be reached just now; retry later",
                    List.of());
            return Response.fromResponse(problem)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        Log.error("Unexpected failure while serving a request", e);
        return internal();
    }

    /**
     * A path or query parameter that could not be turned into the type the endpoint takes (a limit that is no number):
     * the REST layer calls that a 404, but the caller named the right resource with a wrong value, so it is a 400 that
     * names the parameter.
     */
    private static Response unconvertibleParameter(ResourceInfo resource, UriInfo uri) {
        Optional<String> parameter = resource == null || resource.getResourceMethod() == null
                ? Optional.empty()
                : Arrays.stream(resource.getResourceMethod().getParameters())
                        .filter(candidate -> candidate.getType() != String.class)
                        .filter(candidate -> !converts(candidate, rawValueOf(candidate, uri)))
                        .map(ProblemMappers::nameOf)
                        .findFirst();
        String field = parameter.orElse("parameter");
        String message = field + " has a value of the wrong type";
        return respond(
                400, "validation-failed", "Invalid input", message, List.of(new Problem.FieldError(field, message)));
    }

    private static String rawValueOf(Parameter parameter, UriInfo uri) {
        String name = nameOf(parameter);
        boolean query =
                parameter.isAnnotationPresent(RestQuery.class) || parameter.isAnnotationPresent(QueryParam.class);
        boolean path = parameter.isAnnotationPresent(RestPath.class) || parameter.isAnnotationPresent(PathParam.class);
        if (query) {
            return uri.getQueryParameters().getFirst(name);
        }
        return path ? uri.getPathParameters().getFirst(name) : null;
    }

    /**
     * Whether the type's own {@code valueOf} or {@code fromString} takes the value, as the REST layer's conversion
     * does; an absent value, or a type without either, is not the one to blame.
     */
    private static boolean converts(Parameter parameter, String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        Class<?> type = MethodType.methodType(parameter.getType()).wrap().returnType();
        for (String factory : List.of("valueOf", "fromString")) {
            try {
                type.getMethod(factory, String.class).invoke(null, value);
                return true;
            } catch (NoSuchMethodException e) {
                // try the next factory
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    private static String nameOf(Parameter parameter) {
        String declared = "";
        if (parameter.getAnnotation(RestQuery.class) != null) {
            declared = parameter.getAnnotation(RestQuery.class).value();
        } else if (parameter.getAnnotation(QueryParam.class) != null) {
            declared = parameter.getAnnotation(QueryParam.class).value();
        } else if (parameter.getAnnotation(RestPath.class) != null) {
            declared = parameter.getAnnotation(RestPath.class).value();
        } else if (parameter.getAnnotation(PathParam.class) != null) {
            declared = parameter.getAnnotation(PathParam.class).value();
        }
        return declared.isEmpty() ? parameter.getName() : declared;
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
