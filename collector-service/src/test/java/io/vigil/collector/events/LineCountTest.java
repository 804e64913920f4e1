package io.vigil.collector.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The line limit is judged on the lines the upload is read as, whatever their endings. */
class LineCountTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "one",
                "one\n",
                "one\ntwo",
                "one\r\ntwo\r\n",
                "one\rtwo\r",
                "\n",
                "\r\n",
                "\n\n\n",
                "one\n\ntwo\n\n",
                "mixed\r\n\r\rend"
            })
    void countsTheLinesTheUploadIsReadAs(String text) {
        assertEquals((int) text.lines().count(), EventResource.lineCount(text));
    }
}
