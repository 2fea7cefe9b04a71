package no.sentral.organisation.internal.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first worksheet of an Office Open XML workbook (.xlsx, ECMA-376) as a {@link Csv.Table}, and
 * a table written as a one-sheet workbook. Reads shared and inline strings, numbers and booleans;
 * the header is the first row; a row's line is its spreadsheet row number. Written cells are inline
 * strings, so numbers such as phone numbers and ICCIDs keep every digit.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** No part of a workbook we read may unpack to more than this (a zip bomb stops here). */
    private static final long MAX_PART_BYTES = 128L * 1024 * 1024;
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private Xlsx() {
    }

    public static Csv.Table read(byte[] workbook) {
        try {
            Map<String, byte[]> parts = unzip(workbook);
            List<String> shared = parts.containsKey("xl/sharedStrings.xml")
                    ? sharedStrings(parts.get("xl/sharedStrings.xml")) : List.of();
            byte[] sheet = parts.get(firstSheet(parts));
            if (sheet == null) {
                throw new IllegalArgumentException("the workbook has no worksheet");
            }
            return table(rows(sheet, shared));
        } catch (IOException | XMLStreamException e) {
            throw new IllegalArgumentException("not readable as an .xlsx workbook: " + e.getMessage(), e);
        }
    }

    public static byte[] write(List<String> header, List<List<String>> rows) {
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (int r = 0; r < all.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            List<String> cells = all.get(r);
            for (int c = 0; c < cells.size(); c++) {
                String value = cells.get(c);
                if (value != null && !value.isEmpty()) {
                    sheet.append("<c r=\"").append(column(c)).append(r + 1).append("\" t=\"inlineStr\"><is><t xml:space=\""
                            + "preserve\">").append(escape(value)).append("</t></is></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns="
                + "\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
                + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                + "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/"
                + "sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
                + "\"/></Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns="
                + "\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                + RELATIONSHIPS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\""
                + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS + "\"><sheets><sheet name=\"Sentral\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "</sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
                + "Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        parts.put("xl/worksheets/sheet1.xml", sheet.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] workbook) throws IOException {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels")) {
                    parts.put(entry.getName(), readLimited(zip, entry.getName()));
                }
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("no workbook parts (is it an .xlsx file?)");
        }
        return parts;
    }

    private static byte[] readLimited(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_PART_BYTES) {
                throw new IOException(name + " unpacks to more than " + MAX_PART_BYTES / 1024 / 1024 + " MiB");
            }
        }
        return out.toByteArray();
    }

    /** The part of the workbook's first sheet, found through the workbook's relationships. */
    private static String firstSheet(Map<String, byte[]> parts) throws XMLStreamException {
        byte[] workbook = parts.get("xl/workbook.xml");
        byte[] rels = parts.get("xl/_rels/workbook.xml.rels");
        if (workbook == null || rels == null) {
            return "xl/worksheets/sheet1.xml";
        }
        String id = null;
        XMLStreamReader x = reader(workbook);
        while (x.hasNext() && id == null) {
            if (x.next() == XMLStreamReader.START_ELEMENT && "sheet".equals(x.getLocalName())) {
                id = x.getAttributeValue(RELATIONSHIPS, "id");
            }
        }
        x = reader(rels);
        while (x.hasNext()) {
            if (x.next() == XMLStreamReader.START_ELEMENT && "Relationship".equals(x.getLocalName())
                    && id != null && id.equals(x.getAttributeValue(null, "Id"))) {
                String target = x.getAttributeValue(null, "Target");
                if (target != null) {
                    return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                }
            }
        }
        return "xl/worksheets/sheet1.xml";
    }

    private static List<String> sharedStrings(byte[] xml) throws XMLStreamException {
        List<String> strings = new ArrayList<>();
        XMLStreamReader x = reader(xml);
        StringBuilder current = null;
        boolean phonetic = false;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                switch (x.getLocalName()) {
                    case "si" -> current = new StringBuilder();
                    case "rPh" -> phonetic = true;
                    case "t" -> {
                        String text = x.getElementText();
                        if (current != null && !phonetic) {
                            current.append(text);
                        }
                    }
                    default -> { }
                }
            } else if (event == XMLStreamReader.END_ELEMENT) {
                if ("si".equals(x.getLocalName()) && current != null) {
                    strings.add(current.toString());
                    current = null;
                } else if ("rPh".equals(x.getLocalName())) {
                    phonetic = false;
                }
            }
        }
        return strings;
    }

    /** Row number → (column index → text). */
    private static TreeMap<Integer, TreeMap<Integer, String>> rows(byte[] sheet, List<String> shared)
            throws XMLStreamException {
        TreeMap<Integer, TreeMap<Integer, String>> rows = new TreeMap<>();
        XMLStreamReader x = reader(sheet);
        int row = 0;
        int col = -1;
        String type = null;
        StringBuilder value = null;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                switch (x.getLocalName()) {
                    case "row" -> {
                        String r = x.getAttributeValue(null, "r");
                        row = r == null ? row + 1 : Integer.parseInt(r);
                        col = -1;
                    }
                    case "c" -> {
                        String ref = x.getAttributeValue(null, "r");
                        col = ref == null ? col + 1 : columnIndex(ref);
                        type = x.getAttributeValue(null, "t");
                        value = new StringBuilder();
                    }
                    case "v", "t" -> {
                        if (value != null) {
                            value.append(x.getElementText());
                        }
                    }
                    default -> { }
                }
            } else if (event == XMLStreamReader.END_ELEMENT && "c".equals(x.getLocalName()) && value != null) {
                String text = cell(type, value.toString(), shared);
                if (!text.isEmpty()) {
                    rows.computeIfAbsent(row, k -> new TreeMap<>()).put(col, text);
                }
                value = null;
            }
        }
        return rows;
    }

    private static String cell(String type, String raw, List<String> shared) {
        if ("s".equals(type)) {
            int index = Integer.parseInt(raw.strip());
            if (index < 0 || index >= shared.size()) {
                throw new IllegalArgumentException("a cell points at shared string " + index + ", which is missing");
            }
            return shared.get(index);
        }
        if ("b".equals(type)) {
            return "1".equals(raw.strip()) ? "true" : "false";
        }
        if (type == null || "n".equals(type)) {
            // Whole numbers as digits (98765432, not 9.8765432E7).
            try {
                return raw.isBlank() ? "" : new BigDecimal(raw.strip()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return raw;
    }

    private static Csv.Table table(TreeMap<Integer, TreeMap<Integer, String>> rows) {
        if (rows.isEmpty()) {
            return new Csv.Table(List.of(), List.of());
        }
        Map.Entry<Integer, TreeMap<Integer, String>> first = rows.firstEntry();
        List<Integer> positions = List.copyOf(first.getValue().keySet());
        List<String> header = first.getValue().values().stream().map(String::strip).toList();
        Map<String, Integer> columns = Csv.index(header);
        List<Csv.Row> body = new ArrayList<>();
        for (Map.Entry<Integer, TreeMap<Integer, String>> row : rows.tailMap(first.getKey(), false).entrySet()) {
            String[] values = new String[positions.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getValue().getOrDefault(positions.get(i), "");
            }
            body.add(new Csv.Row(row.getKey(), columns, values));
        }
        return new Csv.Table(header, body);
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Workbooks come from outside: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    private static int columnIndex(String ref) {
        int index = 0;
        for (char ch : ref.toCharArray()) {
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            index = index * 26 + (ch - 'A' + 1);
        }
        return index - 1;
    }

    private static String column(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
