package no.sentral.organisation.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** .xlsx as spreadsheets write it: shared strings, numbers, rich text, gaps; and back. */
class XlsxTest {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    @Test
    void readsASheetTheWayExcelWritesIt() throws Exception {
        byte[] workbook = zip(Map.of(
                "xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/"
                        + "officeDocument/2006/relationships\"><sheets><sheet name=\"Ansatte\" sheetId=\"1\" r:id=\"rId3\"/>"
                        + "</sheets></workbook>",
                "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                        + "relationships\"><Relationship Id=\"rId3\" Type=\"x\" Target=\"worksheets/ansatte.xml\"/>"
                        + "</Relationships>",
                "xl/sharedStrings.xml", "<sst xmlns=\"" + MAIN + "\"><si><t>department</t></si><si><t>name</t></si>"
                        + "<si><t>mobile</t></si><si><t>Salg</t></si><si><r><t>Kari </t></r><r><t>Nordmann</t></r>"
                        + "<rPh><t>kana</t></rPh></si></sst>",
                "xl/worksheets/ansatte.xml", "<worksheet xmlns=\"" + MAIN + "\"><sheetData>"
                        + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                        + "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
                        + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\" t=\"s\"><v>4</v></c>"
                        + "<c r=\"C2\"><v>98765432</v></c></row>"
                        + "<row r=\"4\"><c r=\"B4\" t=\"inlineStr\"><is><t>Ola</t></is></c><c r=\"C4\"><v>4.1234567E7</v>"
                        + "</c></row></sheetData></worksheet>"));
        Csv.Table table = Xlsx.read(workbook);
        assertEquals(List.of("department", "name", "mobile"), table.header());
        assertEquals(2, table.rows().size());
        Csv.Row kari = table.rows().get(0);
        assertEquals(2, kari.line());
        assertEquals(List.of("Salg", "Kari Nordmann", "98765432"), List.of(kari.get("department"), kari.get("name"),
                kari.get("mobile")));
        assertEquals(4, table.rows().get(1).line());
        assertEquals("41234567", table.rows().get(1).get("mobile"));
        assertEquals(null, table.rows().get(1).get("department"));
    }

    @Test
    void writesWhatItReadsKeepingEveryDigit() {
        List<List<String>> rows = List.of(List.of("8947010000000010017", "Salg & Service", "<b>"),
                Arrays.asList("+4798765432", null, "=SUM(A1)"));
        Csv.Table table = Xlsx.read(Xlsx.write(List.of("iccid", "department", "note"), rows));
        assertEquals(List.of("iccid", "department", "note"), table.header());
        assertEquals("8947010000000010017", table.rows().get(0).get("iccid"));
        assertEquals("Salg & Service", table.rows().get(0).get("department"));
        assertEquals("=SUM(A1)", table.rows().get(1).get("note"), "an inline string, never a formula");
        assertEquals(3, table.rows().get(1).line());
    }

    @Test
    void refusesWhatIsNotAWorkbookAndExpandsNoEntities() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Xlsx.read("department,name\n".getBytes(StandardCharsets.UTF_8)));
        byte[] hostile = zip(Map.of("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\""
                + " t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>"));
        try {
            Csv.Table table = Xlsx.read(hostile);
            assertFalse(table.header().toString().contains("root:"), "external entity expanded");
        } catch (IllegalArgumentException refused) {
            // refusing the document is as good as not expanding it
        }
    }

    private static byte[] zip(Map<String, String> parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
