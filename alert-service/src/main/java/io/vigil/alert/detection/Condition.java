package io.vigil.alert.detection;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One test a rule puts to an event's field, as data: {@code in} (equal to one of the values, ignoring case),
 * {@code startsWith} (begins with one of them, ignoring case), {@code fileNameIn} (the last part of a Windows or Unix
 * path is one of them, ignoring case) or {@code matches} (the regular expression, the first value, is found).
 */
public record Condition(EventField field, Operator operator, List<String> values) {

    public enum Operator {
        IN("in"),
        STARTS_WITH("startsWith"),
        FILE_NAME_IN("fileNameIn"),
        MATCHES("matches");

        private final String apiName;

        Operator(String apiName) {
            this.apiName = apiName;
        }

        @JsonValue
        public String apiName() {
            return apiName;
        }
    }

    public Condition {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a condition on " + field + " needs a value");
        }
    }

    public static Condition in(EventField field, String... values) {
        return new Condition(field, Operator.IN, List.of(values));
    }

    public static Condition startsWith(EventField field, String... values) {
        return new Condition(field, Operator.STARTS_WITH, List.of(values));
    }

    public static Condition fileNameIn(EventField field, String... values) {
        return new Condition(field, Operator.FILE_NAME_IN, List.of(values));
    }

    public static Condition matches(EventField field, String regex) {
        return new Condition(field, Operator.MATCHES, List.of(regex));
    }

    public boolean test(ObservedEvent event) {
        String value = field.of(event);
        if (value == null) {
            return false;
        }
        if (operator == Operator.MATCHES) {
            return pattern().matcher(value).find();
        }
        // Evaluated on every event a rule looks at: plain loops, and each form of the value made once.
        String compared = operator == Operator.FILE_NAME_IN ? fileName(value) : value;
        String lower = value.toLowerCase(Locale.ROOT);
        for (String candidate : values) {
            boolean hit = operator == Operator.STARTS_WITH
                    ? lower.startsWith(candidate.toLowerCase(Locale.ROOT))
                    : candidate.equalsIgnoreCase(compared);
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private Pattern pattern() {
        return Patterns.compiled(values.get(0));
    }

    private static String fileName(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }

    /** Compiled once per expression; the catalogue holds few. */
    private static final class Patterns {

        private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

        static Pattern compiled(String regex) {
            return COMPILED.computeIfAbsent(regex, Pattern::compile);
        }
    }
}
