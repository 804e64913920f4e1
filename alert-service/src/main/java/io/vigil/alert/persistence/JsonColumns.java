package io.vigil.alert.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alert.model.InvolvedEntity;
import jakarta.persistence.AttributeConverter;
import java.util.List;

/** The alert columns that hold JSON arrays as text, read into lists. */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {}

    public static class Entities implements AttributeConverter<List<InvolvedEntity>, String> {

        @Override
        public String convertToDatabaseColumn(List<InvolvedEntity> value) {
            return write(value);
        }

        @Override
        public List<InvolvedEntity> convertToEntityAttribute(String column) {
            return read(column, new TypeReference<>() {});
        }
    }

    public static class Steps implements AttributeConverter<List<String>, String> {

        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return write(value);
        }

        @Override
        public List<String> convertToEntityAttribute(String column) {
            return read(column, new TypeReference<>() {});
        }
    }

    private static String write(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert column could not be written as JSON", e);
        }
    }

    private static <T> T read(String column, TypeReference<T> type) {
        try {
            return column == null ? null : JSON.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert column does not hold the expected JSON", e);
        }
    }
}
