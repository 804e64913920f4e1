package io.vigil.recommendation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.recommendation.state.MachineState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.AttributeConverter;

/**
 * The large jsonb columns, exchanged with the database as text and parsed once. Mapped as JSON, a jsonb value would be
 * parsed by the database client into a JSON object, written out again and parsed a second time into its Java type,
 * which made reading a page of machines with their findings three times the work it needs to be. The columns are read
 * with a cast to text and written as text cast to jsonb (see the {@code ColumnTransformer} beside each mapping), so
 * the database still holds and checks JSON. The parameter must be typed text first: a parameter the database takes for
 * jsonb receives a Java string as a JSON string value.
 */
public final class JsonbText {

    private JsonbText() {}

    /** A machine's merged state. */
    @ApplicationScoped
    public static class State extends Column<MachineState> {

        State() {
            super(MachineState.class);
        }
    }

    /** A recommendation's evidence. */
    @ApplicationScoped
    public static class Details extends Column<JsonNode> {

        Details() {
            super(JsonNode.class);
        }
    }

    /** A column holding one Java type as JSON, written and read with the service's own JSON settings. */
    abstract static class Column<T> implements AttributeConverter<T, String> {

        private final Class<T> type;

        @Inject
        ObjectMapper json;

        Column(Class<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return value == null ? null : json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A " + type.getSimpleName() + " could not be written as JSON", e);
            }
        }

        @Override
        public T convertToEntityAttribute(String column) {
            try {
                return column == null ? null : json.readValue(column, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored column does not hold a " + type.getSimpleName(), e);
            }
        }
    }
}
