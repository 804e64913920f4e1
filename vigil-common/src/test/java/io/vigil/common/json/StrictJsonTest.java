package io.vigil.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static final String NAME_WITH_NUL = "{\"name\": \"web\\u0000\", \"tags\": []}";
    private static final String TAG_WITH_NUL = "{\"name\": \"web\", \"tags\": [\"ok\", \"a\\u0000b\"]}";
    private static final String PLAIN = "{\"name\": \"web-01\", \"tags\": [\"ok\", 42]}";

    record Sample(String name, List<String> tags) {}

    private final ObjectMapper mapper = mapper();

    @Test
    void refusesAStringHoldingANulCharacterNamingItsField() {
        InvalidFormatException refused =
                assertThrows(InvalidFormatException.class, () -> mapper.readValue(NAME_WITH_NUL, Sample.class));

        assertEquals("name", refused.getPath().get(0).getFieldName());
    }

    @Test
    void refusesANulCharacterInsideAListOfStrings() {
        assertThrows(InvalidFormatException.class, () -> mapper.readValue(TAG_WITH_NUL, Sample.class));
    }

    @Test
    void readsOtherStringsAsJacksonDoes() throws Exception {
        assertEquals(new Sample("web-01", List.of("ok", "42")), mapper.readValue(PLAIN, Sample.class));
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
