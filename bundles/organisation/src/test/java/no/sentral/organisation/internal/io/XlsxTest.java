package no.sentral.organisation.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import no.sentral.api.failure.DomainException;
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
        Table table = read(workbook);
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
    void writesWhatItReadsKeepingEveryDigit() throws Exception {
        List<List<String>> rows = List.of(List.of("8947010000000010017", "Salg & Service", "<b>"),
                Arrays.asList("+4798765432", null, "=SUM(A1)"));
        Table table = read(workbook(List.of("iccid", "department", "note"), rows));
        assertEquals(List.of("iccid", "department", "note"), table.header());
        assertEquals("8947010000000010017", table.rows().get(0).get("iccid"));
        assertEquals("Salg & Service", table.rows().get(0).get("department"));
        assertEquals("=SUM(A1)", table.rows().get(1).get("note"), "an inline string, never a formula");
        assertEquals(3, table.rows().get(1).line());
    }

    @Test
    void refusesWhatIsNotAWorkbookAndExpandsNoEntities() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> read("department,name\n".getBytes(StandardCharsets.UTF_8)));
        byte[] hostile = zip(Map.of("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\""
                + " t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>"));
        try {
            Table table = read(hostile);
            assertFalse(table.header().toString().contains("root:"), "external entity expanded");
        } catch (IllegalArgumentException refused) {
            // refusing the document is as good as not expanding it
        }
    }

    @Test
    void refusesAZipBombFromItsDeclaredSizeBeforeUnpackingAnything() throws Exception {
        // A few MiB of archive that unpacks to 2 GiB: the archive's directory says so, and that is enough.
        Path bomb = bomb(2048, false);
        assertTrue(Files.size(bomb) < 16L * 1024 * 1024, Files.size(bomb) + " bytes");
        long allocated = allocated();
        long t0 = System.nanoTime();
        DomainException refused = assertThrows(DomainException.class, () -> Xlsx.read(bomb));
        assertEquals(DomainException.Kind.TOO_LARGE, refused.kind());
        assertEquals("the workbook unpacks to more than 256 MiB: save the sheet as CSV, or split it", refused.detail());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertTrue(allocated() - allocated < 16L * 1024 * 1024, "allocated " + (allocated() - allocated) + " bytes");
    }

    @Test
    void refusesAZipBombThatLiesAboutItsSizeWhileUnpackingIt() throws Exception {
        // The directory claims 1 KiB; the sheet unpacks to 1 GiB of markup. Counting stops it at the limit.
        Path bomb = bomb(1024, true);
        long allocated = allocated();
        DomainException refused = assertThrows(DomainException.class, () -> {
            try (Csv.Rows rows = Xlsx.read(bomb)) {
                while (rows.next() != null) {
                    assertTrue(allocated() - allocated < 256L * 1024 * 1024, "rows were kept");
                }
            }
        });
        assertEquals(DomainException.Kind.TOO_LARGE, refused.kind());
        assertEquals("the workbook unpacks to more than 256 MiB: save the sheet as CSV, or split it", refused.detail());
    }

    @Test
    void refusesTextThatNeverEndsBeforeTheParserHoldsIt() throws Exception {
        StringBuilder endless = new StringBuilder("<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><x>");
        endless.append("x".repeat(2 * 1024 * 1024)).append("</x></row></sheetData></worksheet>");
        DomainException refused = assertThrows(DomainException.class, () -> read(zip(Map.of(
                "xl/worksheets/sheet1.xml", endless.toString()))));
        assertEquals("xl/worksheets/sheet1.xml has a text or tag longer than 1 MiB: save the sheet as CSV, or split it",
                refused.detail());
        DomainException wide = assertThrows(DomainException.class, () -> read(zip(Map.of("xl/worksheets/sheet1.xml",
                "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\">" + "<c t=\"inlineStr\"><is><t>a</t></is></c>"
                        .repeat(101) + "</row></sheetData></worksheet>"))));
        assertEquals("row 1 has more than 100 columns: save the sheet as CSV, or split it", wide.detail());
        DomainException tooLong = assertThrows(DomainException.class, () -> read(zip(Map.of("xl/worksheets/sheet1.xml",
                "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is>"
                        + "<r><t>0123456789</t></r>".repeat(3300) + "</is></c></row></sheetData></worksheet>"))));
        assertEquals("a cell in row 1 is longer than 32767 characters: save the sheet as CSV, or split it",
                tooLong.detail());
    }

    /** The header and rows of a workbook, read through a file as imports read it. */
    record Table(List<String> header, List<Csv.Row> rows) {
    }

    static Table read(byte[] workbook) throws Exception {
        Path file = Files.createTempFile("xlsx-test", ".xlsx");
        try {
            Files.write(file, workbook);
            try (Csv.Rows rows = Xlsx.read(file)) {
                List<Csv.Row> all = new ArrayList<>();
                for (Csv.Row row = rows.next(); row != null; row = rows.next()) {
                    all.add(row);
                }
                return new Table(rows.header(), all);
            }
        } finally {
            Files.delete(file);
        }
    }

    static byte[] workbook(List<String> header, List<List<String>> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Csv.SheetWriter writer = Xlsx.write(out, header);
        for (List<String> row : rows) {
            writer.row(row);
        }
        writer.finish();
        return out.toByteArray();
    }

    /**
     * A workbook whose sheet unpacks to {@code mib} MiB: a header row, then markup repeated (a few events
     * per 64 KiB, so a parser that reads it all goes fast). With {@code lie} the archive's directory
     * claims the sheet is 1 KiB.
     */
    private static Path bomb(long mib, boolean lie) throws Exception {
        Path file = Files.createTempFile("bomb", ".xlsx");
        file.toFile().deleteOnExit();
        byte[] block = ("<x>" + " ".repeat(64 * 1024 - 7) + "</x>").getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                    + "department</t></is></c></row><row r=\"2\">").getBytes(StandardCharsets.US_ASCII));
            for (long i = 0; i < mib * 16; i++) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        if (lie) {
            // The central directory's "uncompressed size" of the one entry (offset 24 of its header).
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer all = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
                long start = channel.size() - all.capacity();
                channel.read(all, start);
                for (int i = all.capacity() - 46; i >= 0; i--) {
                    if (all.getInt(i) == 0x02014b50) {
                        channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1024), start + i + 24);
                        break;
                    }
                }
            }
        }
        return file;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
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
