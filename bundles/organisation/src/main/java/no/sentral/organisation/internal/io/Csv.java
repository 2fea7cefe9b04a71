package no.sentral.organisation.internal.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import no.sentral.api.csv.SpreadsheetCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV as spreadsheets write it: a header row, comma or semicolon separated (Norwegian Excel uses
 * semicolons), UTF-8, an optional byte-order mark. Read one row at a time; written (RFC 4180, commas)
 * one row at a time, with cells a spreadsheet would run as a formula defused ({@link SpreadsheetCells}).
 */
public final class Csv {

    /** How far into the text the header line is looked for, to tell the delimiter. */
    private static final int HEADER_PEEK = 64 * 1024;

    private Csv() {
    }

    /**
     * A parsed row: its line in the file and its cells, found by column name through the file's
     * shared column index (a file keeps one index, not one map per row).
     */
    public record Row(long line, Map<String, Integer> columns, String[] values) {
        public String get(String column) {
            Integer index = columns.get(column);
            String value = index == null || index >= values.length ? null : values[index];
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** The rows of a file, read one at a time so that a file of any length needs the memory of one row. */
    public interface Rows extends AutoCloseable {
        List<String> header();

        /**
         * The next row, or null after the last.
         *
         * @throws IllegalArgumentException when the rest of the file cannot be read
         */
        Row next();

        @Override
        void close();
    }

    /** What an export writes its rows to, one at a time. */
    public interface SheetWriter {
        void row(List<String> cells) throws IOException;

        /** Writes what is left (a workbook's end) and flushes; the stream stays open. */
        void finish() throws IOException;
    }

    /** Column name → position, for the rows of one file. */
    static Map<String, Integer> index(List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        return index;
    }

    /** Opens CSV text for reading; throws {@link IllegalArgumentException} when it is not CSV at all. */
    public static Rows read(Reader text) {
        BufferedReader in = new BufferedReader(text, HEADER_PEEK);
        CSVParser parser;
        try {
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
            char delimiter = delimiter(in);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader()
                    .setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
            parser = CSVParser.parse(in, format);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            close(in);
            throw new IllegalArgumentException("not readable as CSV: " + e.getMessage(), e);
        }
        List<String> header = parser.getHeaderNames();
        Map<String, Integer> columns = index(header);
        Iterator<CSVRecord> records = parser.iterator();
        return new Rows() {
            @Override
            public List<String> header() {
                return header;
            }

            @Override
            public Row next() {
                try {
                    if (!records.hasNext()) {
                        return null;
                    }
                    CSVRecord record = records.next();
                    return new Row(parser.getCurrentLineNumber(), columns, record.values());
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new IllegalArgumentException("not readable as CSV after line " + parser.getCurrentLineNumber()
                            + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                Csv.close(parser);
            }
        };
    }

    /** Semicolons when the header line has them and no commas (Norwegian Excel), else commas. */
    private static char delimiter(BufferedReader in) throws IOException {
        in.mark(HEADER_PEEK);
        StringBuilder header = new StringBuilder();
        for (int ch = in.read(); ch >= 0 && ch != '\n' && header.length() < HEADER_PEEK - 1; ch = in.read()) {
            header.append((char) ch);
        }
        in.reset();
        return header.indexOf(";") >= 0 && header.indexOf(",") < 0 ? ';' : ',';
    }

    /** Writes CSV to {@code out} (UTF-8), starting with the header. */
    public static SheetWriter write(OutputStream out, List<String> header) throws IOException {
        CSVPrinter printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                CSVFormat.RFC4180);
        printer.printRecord(header);
        return new SheetWriter() {
            @Override
            public void row(List<String> cells) throws IOException {
                printer.printRecord(cells.stream().map(SpreadsheetCells::defuse));
            }

            @Override
            public void finish() throws IOException {
                printer.flush();
            }
        };
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Only reading ends here: nothing is lost.
        }
    }
}
