package io.vigil.common.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vigil.common.json.StrictJson;
import org.junit.jupiter.api.Test;

/** The effective policy and the security contact as they travel between the services and to users. */
class EffectivePolicyJsonTest {

    private final ObjectMapper json = strictMapper();

    @Test
    void theContactsSourcesAreWrittenValueByValue() throws Exception {
        var sources = new EffectivePolicy.ContactSources(ValueSource.RESOURCE_GROUP, ValueSource.SUBSCRIPTION);

        assertEquals(
                "{\"emails\":\"resourceGroup\",\"notifyOnHighSeverityAlerts\":\"subscription\"}",
                json.writeValueAsString(sources));
        assertEquals(sources, json.readValue(json.writeValueAsString(sources), EffectivePolicy.ContactSources.class));
    }

    @Test
    void aSingleSourceForTheWholeContactIsReadForBothValues() throws Exception {
        assertEquals(
                new EffectivePolicy.ContactSources(ValueSource.SUBSCRIPTION, ValueSource.SUBSCRIPTION),
                json.readValue("\"subscription\"", EffectivePolicy.ContactSources.class));
    }

    @Test
    void theNotifyFlagTakesOnlyJsonBooleans() throws Exception {
        assertEquals(
                new SecurityContact(null, true),
                json.readValue("{\"notifyOnHighSeverityAlerts\": true}", SecurityContact.class));
        assertEquals(
                new SecurityContact(null, null),
                json.readValue("{\"notifyOnHighSeverityAlerts\": null}", SecurityContact.class));
        for (String value : new String[] {"1", "0", "\"true\"", "\"false\"", "{}", "[true]"}) {
            MismatchedInputException refused = assertThrows(
                    MismatchedInputException.class,
                    () -> json.readValue("{\"notifyOnHighSeverityAlerts\": " + value + "}", SecurityContact.class),
                    value);
            assertEquals("notifyOnHighSeverityAlerts", refused.getPath().get(0).getFieldName(), value);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
