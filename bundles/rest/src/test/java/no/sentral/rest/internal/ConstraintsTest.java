package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import no.sentral.api.failure.FieldError;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Range;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import org.junit.jupiter.api.Test;

/** Each kind of constraint is both described for the document and enforced on what a request carries. */
class ConstraintsTest {

    record Line(@Required @Format(Format.Kind.E164) String number) {
    }

    record Input(@Required @Size(min = 1, max = 5) String name, @Range(min = 1, max = 10) Integer count,
                 @Format(Format.Kind.UUID) String id, @Format(Format.Kind.EMAIL) String email,
                 @Format(Format.Kind.DATE_TIME) String at, @Pattern(value = "^[0-9]{4}$", message = "four digits")
                 String postalCode, @Size(max = 2) List<Line> lines) {
    }

    private static Input valid() {
        return new Input("Kari", 3, "0b0c5a52-3f0e-4f55-9b9b-6a3c2f2f6f10", "kari@example.no",
                "2026-01-31T23:00:00+01:00", "0155", List.of(new Line("+4798765432")));
    }

    private static List<FieldError> errors(Input input) {
        return Constraints.check(input);
    }

    private static FieldError error(String field, String message) {
        return new FieldError(field, message);
    }

    @Test
    void aValidInputPasses() {
        assertEquals(List.of(), errors(valid()));
        assertEquals(List.of(), errors(new Input("Kari", null, null, null, null, null, null)));
    }

    @Test
    void requiredFieldsMustBeThere() {
        Input v = valid();
        assertEquals(List.of(error("name", "required")),
                errors(new Input(null, v.count(), v.id(), v.email(), v.at(), v.postalCode(), v.lines())));
    }

    @Test
    void lengthsOfTextsAndLists() {
        Input v = valid();
        assertEquals(List.of(error("name", "from 1 to 5 characters")),
                errors(new Input("Kari Nordmann", v.count(), v.id(), v.email(), v.at(), v.postalCode(), v.lines())));
        assertEquals(List.of(error("name", "from 1 to 5 characters")),
                errors(new Input("", v.count(), v.id(), v.email(), v.at(), v.postalCode(), v.lines())));
        List<Line> three = List.of(new Line("+4798765432"), new Line("+4798765433"), new Line("+4798765434"));
        assertEquals(List.of(error("lines", "from 0 to 2 items")),
                errors(new Input(v.name(), v.count(), v.id(), v.email(), v.at(), v.postalCode(), three)));
    }

    @Test
    void rangesOfNumbers() {
        Input v = valid();
        assertEquals(List.of(error("count", "a whole number from 1 to 10")),
                errors(new Input(v.name(), 11, v.id(), v.email(), v.at(), v.postalCode(), v.lines())));
        assertEquals(List.of(error("count", "a whole number from 1 to 10")),
                errors(new Input(v.name(), 0, v.id(), v.email(), v.at(), v.postalCode(), v.lines())));
    }

    @Test
    void formatsUuidEmailDateTime() {
        Input v = valid();
        assertEquals(List.of(error("id", "a UUID"), error("email", "an e-mail address"),
                        error("at", "an RFC 3339 date and time, e.g. 2026-01-31T23:00:00Z")),
                errors(new Input(v.name(), v.count(), "42", "kari at example.no", "2026-01-31 23:00", v.postalCode(),
                        v.lines())));
        assertEquals(List.of(error("email", "an e-mail address")), errors(new Input(v.name(), v.count(), v.id(),
                "k@" + "x".repeat(250) + ".no", v.at(), v.postalCode(), v.lines())));
    }

    @Test
    void patternsAndE164InsideListsNameTheItem() {
        Input v = valid();
        assertEquals(List.of(error("postalCode", "four digits"), error("lines[0].number", "required"),
                        error("lines[1].number", "a phone number in E.164, e.g. +4798765432")),
                errors(new Input(v.name(), v.count(), v.id(), v.email(), v.at(), "155",
                        List.of(new Line(null), new Line("98765432")))));
    }

    @Test
    void parametersAreCheckedAsSent() {
        Constraints.Rules count = Constraints.Rules.of(Input.class.getRecordComponents()[1]);
        assertEquals(List.of(error("count", "a whole number from 1 to 10")), Constraints.checkText("count", "x", count));
        assertEquals(List.of(), Constraints.checkText("count", "7", count));
    }

    @Test
    void theSameAnnotationsDescribeTheSchema() {
        RecordComponent[] c = Input.class.getRecordComponents();
        assertEquals("{\"type\":\"string\",\"minLength\":1,\"maxLength\":5}", described(c[0], "string"));
        assertEquals("{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}", described(c[1], "integer"));
        assertEquals("{\"type\":\"string\",\"format\":\"uuid\"}", described(c[2], "string"));
        assertEquals("{\"type\":\"string\",\"format\":\"email\",\"maxLength\":254}", described(c[3], "string"));
        assertEquals("{\"type\":\"string\",\"format\":\"date-time\"}", described(c[4], "string"));
        assertEquals("{\"type\":\"string\",\"pattern\":\"^[0-9]{4}$\"}", described(c[5], "string"));
        assertEquals("{\"type\":\"array\",\"maxItems\":2}", described(c[6], "array"));
        assertEquals("{\"type\":\"string\",\"pattern\":\"^\\\\+[1-9][0-9]{1,14}$\"}",
                described(Line.class.getRecordComponents()[0], "string"));
    }

    private static String described(RecordComponent component, String type) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", type);
        Constraints.describe(component, schema);
        return schema.toString();
    }
}
