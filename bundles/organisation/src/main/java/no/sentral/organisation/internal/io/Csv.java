package no.sentral.organisation.internal.io;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV as spreadsheets write it: a header row, comma or semicolon separated (Norwegian Excel uses
 * semicolons), UTF-8, an optional byte-order mark. Written with commas, and with a leading apostrophe
 * on cells that a spreadsheet would run as a formula.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * A parsed row: its line in the file and its cells, found by column name through the table's
     * shared column index (a 100,000-row file keeps one index, not one map per row).
     */
    public record Row(long line, Map<String, Integer> columns, String[] values) {
        public String get(String column) {
            Integer index = columns.get(column);
            String value = index == null || index >= values.length ? null : values[index];
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** The header and the rows; throws {@link IllegalArgumentException} when the text is not CSV at all. */
    public record Table(List<String> header, List<Row> rows) {
    }

    /** Column name → position, for the rows of one table. */
    static Map<String, Integer> index(List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        return index;
    }

    public static Table read(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int firstLine = body.indexOf('\n');
        String header = firstLine < 0 ? body : body.substring(0, firstLine);
        char delimiter = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setTrim(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = new StringReader(body); CSVParser parser = CSVParser.parse(reader, format)) {
            List<Row> rows = new ArrayList<>();
            Map<String, Integer> columns = index(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                rows.add(new Row(parser.getCurrentLineNumber(), columns, record.values()));
            }
            return new Table(parser.getHeaderNames(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new IllegalArgumentException("not readable as CSV: " + e.getMessage(), e);
        }
    }

    public static String write(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(Csv::defuse).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A cell starting with = + - @ would be a formula in a spreadsheet; phone numbers keep their plus. */
    private static String defuse(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean number = cell.matches("\\+[0-9]+");
        return !number && (first == '=' || first == '+' || first == '-' || first == '@') ? "'" + cell : cell;
    }
}
