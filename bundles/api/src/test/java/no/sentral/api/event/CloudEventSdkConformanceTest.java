package no.sentral.api.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §6: CloudEvents 1.0 conformance of {@link CloudEventJson}, with the official Java SDK's JSON
 * format as the oracle, both ways: what the SDK writes, Sentral reads and writes back unchanged, and what
 * Sentral writes, the SDK reads as the same event.
 */
class CloudEventSdkConformanceTest {

    private static final JsonFormat SDK = new JsonFormat();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BINARY = {0, 1, 2, (byte) 0xff, (byte) 0x80, 10};

    private static CloudEventBuilder sdkEvent() {
        return CloudEventBuilder.v1().withId("ev-42").withSource(URI.create("https://partner.example/billing"))
                .withType("sentral.usage.rated").withExtension("tenant", "acme");
    }

    private static List<io.cloudevents.CloudEvent> sdkEvents() {
        return List.of(
                sdkEvent().build(),
                sdkEvent().withTime(OffsetDateTime.of(2026, 3, 1, 12, 34, 56, 789_123_000, ZoneOffset.ofHours(1)))
                        .withSubject("call-7").withDataContentType("application/json")
                        .withData("{\"seconds\":42,\"tags\":[\"a\"]}".getBytes(StandardCharsets.UTF_8)).build(),
                sdkEvent().withDataContentType("application/octet-stream").withData(BINARY).build(),
                sdkEvent().withDataContentType("text/plain").withData("plain words".getBytes(StandardCharsets.UTF_8))
                        .build(),
                sdkEvent().withDataSchema(URI.create("https://partner.example/schemas/usage.json"))
                        .withExtension("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                        .withExtension("priority", 3).withExtension("urgent", true)
                        .withDataContentType("application/cloudevents-usage+json")
                        .withData("[1,2,3]".getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void whatTheSdkWritesSentralReadsAndWritesBackUnchanged() throws Exception {
        for (io.cloudevents.CloudEvent original : sdkEvents()) {
            CloudEvent sentral = CloudEventJson.decode(new String(SDK.serialize(original), StandardCharsets.UTF_8));
            assertSame(original, sentral);
            io.cloudevents.CloudEvent back = SDK.deserialize(CloudEventJson.encode(sentral).getBytes(StandardCharsets.UTF_8));
            assertSdkEquals(original, back);
        }
    }

    @Test
    void whatSentralWritesTheSdkReadsAsTheSameEvent() throws Exception {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("traceparent", "00-abc-01");
        extensions.put("priority", 7);
        extensions.put("urgent", false);
        List<CloudEvent> events = List.of(
                new CloudEvent("e1", "/sentral/switchboard", "sentral.call.ended",
                        Instant.parse("2026-03-01T12:34:56.789123Z"), "acme", "call-7", "{\"seconds\":42}"),
                new CloudEvent("e2", "/sentral", "sentral.call.ended", null, "acme", null, null),
                new CloudEvent("e3", "/sentral/camel/r", "sentral.fax.received", Instant.parse("2026-03-01T00:00:00Z"),
                        "acme", null, null, "image/tiff", null, Base64.getEncoder().encodeToString(BINARY), extensions),
                new CloudEvent("e4", "/sentral", "sentral.note.added", null, "acme", "n-1", "\"plain words\"",
                        "text/plain", "https://sentral.example/schema", null, extensions));
        for (CloudEvent sentral : events) {
            io.cloudevents.CloudEvent sdk = SDK.deserialize(CloudEventJson.encode(sentral).getBytes(StandardCharsets.UTF_8));
            assertSame(sdk, sentral);
            CloudEvent back = CloudEventJson.decode(new String(SDK.serialize(sdk), StandardCharsets.UTF_8));
            assertSame(sdk, back);
            if (sentral.dataBase64() != null || isJson(sentral.dataContentType())) {
                assertEquals(sentral, back);
            }
            // else text data: the SDK writes it back as data_base64, the same bytes (checked above).
        }
    }

    /** The same event in the SDK's model and in Sentral's, attribute by attribute and byte for byte of data. */
    private static void assertSame(io.cloudevents.CloudEvent sdk, CloudEvent sentral) throws Exception {
        assertEquals(sdk.getId(), sentral.id());
        assertEquals(sdk.getSource().toString(), sentral.source());
        assertEquals(sdk.getType(), sentral.type());
        assertEquals(sdk.getTime() == null ? null : sdk.getTime().toInstant(), sentral.time());
        assertEquals(sdk.getSubject(), sentral.subject());
        assertEquals(sdk.getDataContentType(), sentral.dataContentType());
        assertEquals(sdk.getDataSchema() == null ? null : sdk.getDataSchema().toString(), sentral.dataSchema());
        Map<String, String> sdkExtensions = new LinkedHashMap<>();
        for (String name : sdk.getExtensionNames()) {
            sdkExtensions.put(name, String.valueOf(sdk.getExtension(name)));
        }
        Map<String, String> sentralExtensions = new LinkedHashMap<>();
        sentralExtensions.put("tenant", sentral.tenant());
        sentral.extensions().forEach((name, value) -> sentralExtensions.put(name, String.valueOf(value)));
        assertEquals(sdkExtensions, sentralExtensions);
        byte[] sdkData = sdk.getData() == null ? null : sdk.getData().toBytes();
        if (sentral.dataBase64() != null) {
            assertArrayEquals(sdkData, sentral.binaryData());
        } else if (sentral.data() == null) {
            assertNull(sdkData);
        } else if (isJson(sentral.dataContentType())) {
            assertEquals(JSON.readTree(sentral.data()), JSON.readTree(sdkData));
        } else {
            // Text data travels as a JSON string: the SDK holds its characters.
            assertEquals(JSON.readTree(sentral.data()).asText(), new String(sdkData, StandardCharsets.UTF_8));
        }
    }

    private static void assertSdkEquals(io.cloudevents.CloudEvent expected, io.cloudevents.CloudEvent actual) throws Exception {
        assertSame(actual, CloudEventJson.decode(new String(SDK.serialize(expected), StandardCharsets.UTF_8)));
        assertEquals(expected.getTime() == null ? null : expected.getTime().toInstant(),
                actual.getTime() == null ? null : actual.getTime().toInstant());
        if (expected.getData() != null && !isJson(expected.getDataContentType())) {
            assertArrayEquals(expected.getData().toBytes(), actual.getData().toBytes());
        }
    }

    private static boolean isJson(String contentType) {
        return contentType == null || contentType.startsWith("application/json") || contentType.contains("+json");
    }
}
