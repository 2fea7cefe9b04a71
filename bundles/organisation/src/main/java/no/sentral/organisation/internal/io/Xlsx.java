package no.sentral.organisation.internal.io;

import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.sentral.api.failure.DomainException;

/**
 * The first worksheet of an Office Open XML workbook (.xlsx, ECMA-376) read row by row, and rows
 * written as a one-sheet workbook as they come. Reads shared and inline strings, numbers and
 * booleans; the header is the first row; a row's line is its spreadsheet row number. Written cells
 * are inline strings, so numbers such as phone numbers and ICCIDs keep every digit.
 *
 * <p>A workbook is a zip archive from outside, so reading is bounded whatever it claims: all its
 * parts together unpack to at most {@link #MAX_UNPACKED_BYTES} (checked against the sizes the archive
 * declares before anything is unpacked, and counted while unpacking, since a declared size can lie),
 * shared strings to at most {@link #MAX_SHARED_STRINGS_BYTES} (they are held while the sheet is read),
 * no stretch of XML between two {@code <} is longer than {@link #MAX_TOKEN_BYTES} (so the XML parser
 * never buffers more than that), a cell holds at most Excel's 32,767 characters and the header at most
 * {@link #MAX_COLUMNS} columns. Beyond that the workbook is refused as too large before the heap fills.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** A 200,000-row sheet of inline strings, as {@link #write} makes it, unpacks to about 130 MiB. */
    static final long MAX_UNPACKED_BYTES = 256L * 1024 * 1024;
    static final long MAX_SHARED_STRINGS_BYTES = 32L * 1024 * 1024;
    static final int MAX_TOKEN_BYTES = 1024 * 1024;
    static final int MAX_CELL_CHARS = 32_767;
    static final int MAX_COLUMNS = 100;
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String DEFAULT_SHEET = "xl/worksheets/sheet1.xml";

    private Xlsx() {
    }

    /**
     * Opens a workbook file for reading row by row.
     *
     * @throws IllegalArgumentException when it is not a readable workbook
     * @throws DomainException (too large) when it unpacks beyond the limits
     */
    public static Csv.Rows read(Path workbook) {
        ZipFile zip;
        try {
            zip = new ZipFile(workbook.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("not readable as an .xlsx workbook: not a zip archive (is it an .xlsx"
                    + " file?)", e);
        }
        try {
            Budget budget = new Budget(zip);
            SharedStrings shared = zip.getEntry("xl/sharedStrings.xml") == null ? new SharedStrings()
                    : SharedStrings.read(budget.open(zip, "xl/sharedStrings.xml", MAX_SHARED_STRINGS_BYTES));
            String sheet = firstSheet(zip, budget);
            if (zip.getEntry(sheet) == null) {
                throw new IOException("the workbook has no worksheet " + sheet);
            }
            return new SheetRows(zip, reader(budget.open(zip, sheet, MAX_UNPACKED_BYTES)), shared);
        } catch (IOException | XMLStreamException | RuntimeException e) {
            closeQuietly(zip);
            throw unreadable(e);
        }
    }

    /** A limit breached stays itself, wherever the XML parser wrapped it; anything else: not a workbook we read. */
    private static RuntimeException unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain;
            }
        }
        return e instanceof IllegalArgumentException illegal ? illegal
                : new IllegalArgumentException("not readable as an .xlsx workbook: " + e.getMessage(), e);
    }

    static DomainException tooLarge(String what) {
        return DomainException.of(DomainException.Kind.TOO_LARGE, "workbook-too-large", "Workbook too large",
                what + ": save the sheet as CSV, or split it");
    }

    /** What the parts read so far have unpacked to, against the workbook's limit. */
    private static final class Budget {
        private long used;

        Budget(ZipFile zip) {
            long declared = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                declared += Math.max(0, entries.nextElement().getSize());
                if (declared > MAX_UNPACKED_BYTES) {
                    throw tooLarge("the workbook unpacks to more than " + mib(MAX_UNPACKED_BYTES));
                }
            }
        }

        InputStream open(ZipFile zip, String part, long partLimit) throws IOException {
            ZipEntry entry = zip.getEntry(part);
            if (entry == null) {
                return null;
            }
            return new Unpacked(zip.getInputStream(entry), part, partLimit);
        }

        /** Counts the bytes as the parser takes them, and the longest stretch without markup. */
        private final class Unpacked extends FilterInputStream {
            private final String part;
            private final long partLimit;
            private long partUsed;
            private int sinceMarkup;

            Unpacked(InputStream in, String part, long partLimit) {
                super(in);
                this.part = part;
                this.partLimit = partLimit;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n <= 0) {
                    return n;
                }
                used += n;
                partUsed += n;
                if (used > MAX_UNPACKED_BYTES) {
                    throw tooLarge("the workbook unpacks to more than " + mib(MAX_UNPACKED_BYTES));
                }
                if (partUsed > partLimit) {
                    throw tooLarge(part + " unpacks to more than " + mib(partLimit));
                }
                for (int i = offset; i < offset + n; i++) {
                    sinceMarkup = buffer[i] == '<' ? 0 : sinceMarkup + 1;
                    if (sinceMarkup > MAX_TOKEN_BYTES) {
                        throw tooLarge(part + " has a text or tag longer than " + mib(MAX_TOKEN_BYTES));
                    }
                }
                return n;
            }
        }
    }

    private static String mib(long bytes) {
        return bytes / 1024 / 1024 + " MiB";
    }

    /** The part of the workbook's first sheet, found through the workbook's relationships. */
    private static String firstSheet(ZipFile zip, Budget budget) throws IOException, XMLStreamException {
        InputStream workbook = budget.open(zip, "xl/workbook.xml", MAX_UNPACKED_BYTES);
        InputStream rels = budget.open(zip, "xl/_rels/workbook.xml.rels", MAX_UNPACKED_BYTES);
        if (workbook == null || rels == null) {
            return DEFAULT_SHEET;
        }
        String id = null;
        XMLStreamReader x = reader(workbook);
        while (x.hasNext() && id == null) {
            if (x.next() == XMLStreamReader.START_ELEMENT && "sheet".equals(x.getLocalName())) {
                id = x.getAttributeValue(RELATIONSHIPS, "id");
            }
        }
        x.close();
        workbook.close();
        x = reader(rels);
        try {
            while (x.hasNext()) {
                if (x.next() == XMLStreamReader.START_ELEMENT && "Relationship".equals(x.getLocalName())
                        && id != null && id.equals(x.getAttributeValue(null, "Id"))) {
                    String target = x.getAttributeValue(null, "Target");
                    if (target != null) {
                        return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                    }
                }
            }
            return DEFAULT_SHEET;
        } finally {
            x.close();
            rels.close();
        }
    }

    /** The workbook's shared strings, packed into one buffer (a string per cell would cost far more). */
    private static final class SharedStrings {
        private final StringBuilder text = new StringBuilder();
        private int[] ends = new int[1024];
        private int count;

        static SharedStrings read(InputStream xml) throws XMLStreamException, IOException {
            SharedStrings strings = new SharedStrings();
            XMLStreamReader x = reader(xml);
            try {
                boolean inItem = false;
                boolean inText = false;
                int phonetic = 0;
                int start = 0;
                while (x.hasNext()) {
                    int event = x.next();
                    if (event == XMLStreamReader.START_ELEMENT) {
                        switch (x.getLocalName()) {
                            case "si" -> {
                                inItem = true;
                                start = strings.text.length();
                            }
                            case "rPh" -> phonetic++;
                            case "t" -> inText = inItem && phonetic == 0;
                            default -> { }
                        }
                    } else if (event == XMLStreamReader.END_ELEMENT) {
                        switch (x.getLocalName()) {
                            case "si" -> {
                                strings.add();
                                inItem = false;
                            }
                            case "rPh" -> phonetic--;
                            case "t" -> inText = false;
                            default -> { }
                        }
                    } else if (inText && isText(event)) {
                        strings.text.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
                        if (strings.text.length() - start > MAX_CELL_CHARS) {
                            throw tooLarge("a shared string is longer than " + MAX_CELL_CHARS + " characters");
                        }
                    }
                }
            } finally {
                x.close();
                xml.close();
            }
            return strings;
        }

        private void add() {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count++] = text.length();
        }

        String get(int index) {
            if (index < 0 || index >= count) {
                throw new IllegalArgumentException("not readable as an .xlsx workbook: a cell points at shared string "
                        + index + ", which is missing");
            }
            return text.substring(index == 0 ? 0 : ends[index - 1], ends[index]);
        }
    }

    private static boolean isText(int event) {
        return event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.CDATA || event == XMLStreamReader.SPACE;
    }

    /** The sheet's rows as the parser reaches them; the first row with a value is the header. */
    private static final class SheetRows implements Csv.Rows {
        private final ZipFile zip;
        private final XMLStreamReader x;
        private final SharedStrings shared;
        private final List<String> header;
        /** The header's column positions in the sheet (A = 0), in header order. */
        private final int[] positions;
        private final Map<Integer, Integer> slotOfPosition = new HashMap<>();
        private final Map<String, Integer> columns;
        private int rowNumber;

        SheetRows(ZipFile zip, XMLStreamReader x, SharedStrings shared) throws XMLStreamException {
            this.zip = zip;
            this.x = x;
            this.shared = shared;
            Map<Integer, String> first = new HashMap<>();
            while (first.isEmpty() && nextRow(first, null)) {
                // the header is the first row with a value
            }
            positions = first.keySet().stream().sorted().mapToInt(Integer::intValue).toArray();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < positions.length; i++) {
                slotOfPosition.put(positions[i], i);
                names.add(first.get(positions[i]).strip());
            }
            header = List.copyOf(names);
            columns = Csv.index(header);
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public Csv.Row next() {
            try {
                String[] values = new String[positions.length];
                Map<Integer, String> cells = new HashMap<>();
                while (nextRow(cells, slotOfPosition)) {
                    if (!cells.isEmpty()) {
                        Arrays.fill(values, "");
                        cells.forEach((position, text) -> values[slotOfPosition.get(position)] = text);
                        return new Csv.Row(rowNumber, columns, values);
                    }
                }
                return null;
            } catch (XMLStreamException | RuntimeException e) {
                throw unreadable(e);
            }
        }

        /**
         * Reads the next {@code <row>} into {@code cells} (position → text; only {@code wanted} positions
         * when given, and only cells with a value); false at the end of the sheet.
         */
        private boolean nextRow(Map<Integer, String> cells, Map<Integer, Integer> wanted) throws XMLStreamException {
            cells.clear();
            int column = -1;
            String type = null;
            StringBuilder value = null;
            boolean inRow = false;
            boolean inText = false;
            int phonetic = 0;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "row" -> {
                            String r = x.getAttributeValue(null, "r");
                            rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r.strip());
                            inRow = true;
                        }
                        case "c" -> {
                            String ref = x.getAttributeValue(null, "r");
                            column = ref == null ? column + 1 : columnIndex(ref);
                            type = x.getAttributeValue(null, "t");
                            value = new StringBuilder();
                        }
                        case "rPh" -> phonetic++;
                        case "v", "t" -> inText = value != null && phonetic == 0;
                        default -> { }
                    }
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "row" -> {
                            if (inRow) {
                                return true;
                            }
                        }
                        case "c" -> {
                            if (value != null && (wanted == null || wanted.containsKey(column))) {
                                String text = cell(type, value.toString());
                                if (!text.isEmpty()) {
                                    cells.put(column, text);
                                }
                                if (cells.size() > MAX_COLUMNS) {
                                    throw tooLarge("row " + rowNumber + " has more than " + MAX_COLUMNS + " columns");
                                }
                            }
                            value = null;
                        }
                        case "rPh" -> phonetic--;
                        case "v", "t" -> inText = false;
                        default -> { }
                    }
                } else if (inText && isText(event)) {
                    value.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
                    if (value.length() > MAX_CELL_CHARS) {
                        throw tooLarge("a cell in row " + rowNumber + " is longer than " + MAX_CELL_CHARS
                                + " characters");
                    }
                }
            }
            return false;
        }

        private String cell(String type, String raw) {
            if ("s".equals(type)) {
                try {
                    return shared.get(Integer.parseInt(raw.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not readable as an .xlsx workbook: a shared string cell in row "
                            + rowNumber + " holds " + raw);
                }
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

        @Override
        public void close() {
            try {
                x.close();
            } catch (XMLStreamException e) {
                // the archive below is closed either way
            }
            closeQuietly(zip);
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // only reading ends here: nothing is lost
        }
    }

    private static XMLStreamReader reader(InputStream xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Workbooks come from outside: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(xml);
    }

    private static int columnIndex(String ref) {
        int index = 0;
        for (char ch : ref.toCharArray()) {
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            index = index * 26 + (ch - 'A' + 1);
            if (index > 16_384) {
                throw new IllegalArgumentException("not readable as an .xlsx workbook: no column " + ref);
            }
        }
        return index - 1;
    }

    /** Writes a one-sheet workbook to {@code out}, its rows as they come; the stream stays open. */
    public static Csv.SheetWriter write(OutputStream out, List<String> header) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
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
        for (Map.Entry<String, String> part : parts.entrySet()) {
            zip.putNextEntry(new ZipEntry(part.getKey()));
            zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        // The sheet goes last, so that its rows can stream into the archive as they are read.
        zip.putNextEntry(new ZipEntry(DEFAULT_SHEET));
        Writer sheet = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
        sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" + MAIN
                + "\"><sheetData>");
        Csv.SheetWriter writer = new Csv.SheetWriter() {
            private int row;

            @Override
            public void row(List<String> cells) throws IOException {
                row++;
                sheet.write("<row r=\"" + row + "\">");
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    if (value != null && !value.isEmpty()) {
                        sheet.write("<c r=\"" + column(c) + row + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                        sheet.write(escape(value));
                        sheet.write("</t></is></c>");
                    }
                }
                sheet.write("</row>");
            }

            @Override
            public void finish() throws IOException {
                sheet.write("</sheetData></worksheet>");
                sheet.flush();
                zip.closeEntry();
                zip.finish();
                zip.flush();
            }
        };
        writer.row(header);
        return writer;
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
