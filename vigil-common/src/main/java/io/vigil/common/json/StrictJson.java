package io.vigil.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vigil.common.validation.Times;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * How every service reads the JSON it is sent: a number is not an enum constant, a fraction is not a whole number,
 * nothing may follow the document, and text and times must be ones PostgreSQL can store. Such input is then a 400 that
 * names the field, never a value quietly changed (1.5 read as 1, 0 read as the first constant) or a failure at the
 * database.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .registerModule(new SimpleModule("vigil-storable-values")
                        .addDeserializer(String.class, new StorableText())
                        .addDeserializer(Instant.class, new StorableInstant()));
    }

    /** Runs after the customizers that register the standard modules, so these readers are the ones used. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /** Text without NUL, which neither a text nor a jsonb column of PostgreSQL can hold. */
    static final class StorableText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new UnstorableValue(parser, "must not contain a NUL character", value, String.class);
            }
            return value;
        }
    }

    /** An instant that PostgreSQL stores as it was sent (see {@link Times}). */
    static final class StorableInstant extends StdScalarDeserializer<Instant> {

        StorableInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (value != null && !Times.isStorable(value)) {
                throw new UnstorableValue(parser, Times.RULE, parser.getText(), Instant.class);
            }
            return value;
        }
    }
}
