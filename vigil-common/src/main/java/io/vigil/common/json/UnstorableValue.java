package io.vigil.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** A JSON value of the right type that Vigil will not take, with the rule it breaks in words for the caller. */
public class UnstorableValue extends InvalidFormatException {

    private final String rule;

    UnstorableValue(JsonParser parser, String rule, Object value, Class<?> type) {
        super(parser, rule, value, type);
        this.rule = rule;
    }

    /** What the value must be, e.g. "must not contain a NUL character". */
    public String rule() {
        return rule;
    }
}
