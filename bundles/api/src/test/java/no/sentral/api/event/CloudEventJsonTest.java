package no.sentral.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.sentral.api.event.CloudEvent;
import org.junit.jupiter.api.Test;

class CloudEventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2025-03-01T12:34:56.789123Z");

    private static CloudEvent event(String subject, String data) {
        return new CloudEvent("ev-1", "/sentral/switchboard", "sentral.call.ended", TIME, "acme", subject, data);
    }

    private static ObjectNode validJson() throws Exception {
        return (ObjectNode) JSON.readTree(CloudEventJson.encode(event("call-7", "{\"seconds\":42}")));
    }

    @Test
    void roundTripWithSubjectAndData() throws Exception {
        CloudEvent event = event("call-7", "{\"seconds\":42,\"caller\":\"+4722000000\",\"tags\":[\"a\",\"b\"]}");
        CloudEvent decoded = CloudEventJson.decode(CloudEventJson.encode(event));
        assertEquals(event, decoded);
        assertEquals(TIME, decoded.time(), "sub-millisecond precision kept");
    }

    @Test
    void roundTripWithoutSubjectAndData() throws Exception {
        CloudEvent event = event(null, null);
        String encoded = CloudEventJson.encode(event);
        JsonNode json = JSON.readTree(encoded);
        assertFalse(json.has("subject"));
        assertFalse(json.has("data"));
        assertFalse(json.has("datacontenttype"));
        assertEquals(event, CloudEventJson.decode(encoded));
    }

    @Test
    void encodesCloudEventsStructuredModeWithTenantExtension() throws Exception {
        JsonNode json = JSON.readTree(CloudEventJson.encode(event("call-7", "{\"seconds\":42}")));
        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("ev-1", json.get("id").asText());
        assertEquals("/sentral/switchboard", json.get("source").asText());
        assertEquals("sentral.call.ended", json.get("type").asText());
        assertEquals("2025-03-01T12:34:56.789123Z", json.get("time").asText());
        assertEquals("acme", json.get("tenant").asText());
        assertEquals("call-7", json.get("subject").asText());
        assertEquals("application/json", json.get("datacontenttype").asText());
        assertTrue(json.get("data").isObject(), "data is embedded as JSON, not as a string");
        assertEquals(42, json.get("data").get("seconds").asInt());
    }

    @Test
    void scalarAndArrayDataRoundTrip() {
        for (String data : List.of("42", "\"text\"", "[1,2,3]", "true")) {
            assertEquals(data, CloudEventJson.decode(CloudEventJson.encode(event(null, data))).data(), data);
        }
    }

    @Test
    void dataIsTakenAsItWasWrittenWhereverItStands() {
        String head = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/x\",\"type\":\"sentral.a.b\",\"tenant\":\"t\"";
        for (String data : List.of("42", "-1.5e3", "\"a \\\"quoted\\\" \\u00e6 text\"", "[1, {\"a\" : [true, null]}]",
                "{ \"nested\" : { \"x\" : \"}\" } }", "false", "{}", "[]")) {
            assertEquals(data, CloudEventJson.decode(head + ",\"data\": " + data + "}").data(), "last: " + data);
            assertEquals(data, CloudEventJson.decode("{\"data\":" + data + " ," + head.substring(1) + "}").data(),
                    "first: " + data);
            assertEquals(data, CloudEventJson.decode(head + ",\"data\":" + data + "\n,\"subject\":\"s\"}").data(),
                    "middle: " + data);
        }
    }

    @Test
    void refusesContextAttributesThatAreObjectsOrArrays() throws Exception {
        ObjectNode json = validJson();
        json.putObject("subject").put("a", 1);
        assertDecodeFails(json.toString(), "'subject' must be a string");
        ObjectNode array = validJson();
        array.putArray("id").add("e-1");
        assertDecodeFails(array.toString(), "'id' must be a string");
    }

    @Test
    void explicitNullDataDecodesAsNoData() throws Exception {
        ObjectNode json = validJson();
        json.putNull("data");
        json.putNull("subject");
        CloudEvent decoded = CloudEventJson.decode(json.toString());
        assertNull(decoded.data());
        assertNull(decoded.subject());
    }

    @Test
    void decodeKeepsExtensions() throws Exception {
        ObjectNode json = validJson();
        json.put("traceparent", "00-abc-def-01");
        json.put("priority", 3);
        json.put("urgent", true);
        CloudEvent decoded = CloudEventJson.decode(json.toString());
        assertEquals(Map.of("traceparent", "00-abc-def-01", "priority", 3, "urgent", true), decoded.extensions());
        assertEquals(decoded, CloudEventJson.decode(CloudEventJson.encode(decoded)));
    }

    @Test
    void refusesExtensionsOutsideTheTypeSystem() throws Exception {
        ObjectNode json = validJson();
        json.putObject("nested").put("a", 1);
        assertDecodeFails(json.toString(), "'nested'");
        ObjectNode fraction = validJson();
        fraction.put("ratio", 0.5);
        assertDecodeFails(fraction.toString(), "'ratio'");
    }

    @Test
    void timeIsOptional() throws Exception {
        ObjectNode noTime = validJson();
        noTime.remove("time");
        CloudEvent decoded = CloudEventJson.decode(noTime.toString());
        assertNull(decoded.time());
        assertFalse(JSON.readTree(CloudEventJson.encode(decoded)).has("time"));
    }

    @Test
    void binaryDataRoundTripsAsDataBase64() throws Exception {
        ObjectNode json = validJson();
        json.remove("data");
        json.put("datacontenttype", "application/octet-stream");
        json.put("data_base64", "AAEC/w==");
        CloudEvent decoded = CloudEventJson.decode(json.toString());
        assertNull(decoded.data());
        assertEquals(4, decoded.binaryData().length);
        assertEquals((byte) 0xff, decoded.binaryData()[3]);
        JsonNode again = JSON.readTree(CloudEventJson.encode(decoded));
        assertEquals("AAEC/w==", again.get("data_base64").asText());
        assertEquals("application/octet-stream", again.get("datacontenttype").asText());
        assertFalse(again.has("data"));
        ObjectNode both = validJson();
        both.put("data_base64", "AAEC/w==");
        assertDecodeFails(both.toString(), "not both");
        ObjectNode broken = validJson();
        broken.remove("data");
        broken.put("data_base64", "not base64!");
        assertDecodeFails(broken.toString(), "data_base64");
    }

    @Test
    void refusesNonJsonAndNonObjects() {
        assertDecodeFails("not json at all", "not JSON");
        assertDecodeFails("{\"id\":", "not JSON");
        assertDecodeFails("[1,2]", "JSON object");
        assertDecodeFails("42", "JSON object");
        assertDecodeFails("", "JSON object");
    }

    @Test
    void refusesMissingRequiredAttributes() throws Exception {
        for (String field : List.of("id", "source", "type", "tenant")) {
            ObjectNode missing = validJson();
            missing.remove(field);
            assertDecodeFails(missing.toString(), "'" + field + "'");
            ObjectNode blank = validJson();
            blank.put(field, " ");
            assertDecodeFails(blank.toString(), "'" + field + "'");
        }
    }

    @Test
    void refusesWrongSpecVersion() throws Exception {
        for (String version : new String[] {"0.3", "1", "2.0"}) {
            ObjectNode json = validJson();
            json.put("specversion", version);
            assertDecodeFails(json.toString(), "specversion");
        }
        ObjectNode missing = validJson();
        missing.remove("specversion");
        assertDecodeFails(missing.toString(), "specversion");
    }

    @Test
    void refusesBadTime() throws Exception {
        for (String time : new String[] {"yesterday", "2025-03-01 12:34:56", "2025-03-01", "2025-13-01T00:00:00Z"}) {
            ObjectNode json = validJson();
            json.put("time", time);
            assertDecodeFails(json.toString(), "time");
        }
    }

    @Test
    void acceptsRfc3339TimesWithOffset() throws Exception {
        ObjectNode json = validJson();
        json.put("time", "2025-03-01T13:34:56+01:00");
        assertEquals(Instant.parse("2025-03-01T12:34:56Z"), CloudEventJson.decode(json.toString()).time());
    }

    @Test
    void eventsMadeElsewhereMustCarryJsonData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudEventJson.requireJsonData(event(null, "{broken")));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void toJsonTakesJsonTextAfterCheckingIt() throws Exception {
        assertNull(CloudEventJson.toJson(null));
        assertEquals(JSON.readTree("{\"a\":[1,2]}"), JSON.readTree(CloudEventJson.toJson(" { \"a\" : [1, 2] } ")));
        assertEquals("\"quoted\"", CloudEventJson.toJson("\"quoted\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudEventJson.toJson("plain words"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CloudEventJson.toJson("{\"a\":"));
        assertThrows(IllegalArgumentException.class, () -> CloudEventJson.toJson("{\"a\":\"bad \\q escape\"}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CloudEventJson.toJson("{\"a\":1} {\"b\":2}"))
                .getMessage().contains("more follows"), "a second value is not dropped silently");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CloudEventJson.toJson("  "))
                .getMessage().contains("empty"));
    }

    record CallEnded(String callId, int seconds, List<String> tags) {
    }

    @Test
    void toJsonSerialisesRecordsMapsAndScalars() throws Exception {
        assertEquals(JSON.readTree("{\"callId\":\"c-1\",\"seconds\":42,\"tags\":[\"vip\"]}"),
                JSON.readTree(CloudEventJson.toJson(new CallEnded("c-1", 42, List.of("vip")))));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 1);
        map.put("nested", Map.of("ok", true));
        assertEquals(JSON.readTree("{\"n\":1,\"nested\":{\"ok\":true}}"), JSON.readTree(CloudEventJson.toJson(map)));
        assertEquals("7", CloudEventJson.toJson(7));
        assertEquals("[1,2]", CloudEventJson.toJson(List.of(1, 2)));
    }

    @Test
    void toJsonRefusesWhatJacksonCannotSerialise() {
        assertThrows(IllegalArgumentException.class, () -> CloudEventJson.toJson(new Object()));
    }

    private static void assertDecodeFails(String text, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudEventJson.decode(text), text);
        assertTrue(e.getMessage().contains(expectedInMessage), text + " -> " + e.getMessage());
    }
}
