package io.vigil.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * PostgreSQL text cannot hold the NUL character, so a request whose JSON carries one in a string would fail when it is
 * stored. Refusing such a string where it is read makes it a 400 that names the field, like any other invalid value.
 */
@Singleton
public class NulFreeText implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("nul-free-text").addDeserializer(String.class, new Strings()));
    }

    /** Jackson's own reading of strings, and then the check; its coercions of numbers and booleans stay as they are. */
    static final class Strings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw context.weirdStringException(text, String.class, "contains a NUL character");
            }
            return text;
        }
    }
}
