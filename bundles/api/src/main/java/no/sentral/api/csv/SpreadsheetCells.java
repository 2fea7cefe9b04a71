package no.sentral.api.csv;

import java.util.regex.Pattern;

/**
 * The one rule for text that Sentral writes into files people open in a spreadsheet (CSV exports,
 * CDR files): a cell that a spreadsheet would run as a formula (OWASP "CSV injection": one starting
 * with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, which spreadsheets
 * show as text and do not display. A phone number in E.164 keeps its plus: a spreadsheet reads it as
 * a number, never as a formula that calls anything.
 */
public final class SpreadsheetCells {

    private static final Pattern E164 = Pattern.compile("\\+[0-9]{1,15}");

    private SpreadsheetCells() {
    }

    /** The cell as it is safe to write; null and empty cells stay as they are. */
    public static String defuse(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula && !E164.matcher(cell).matches() ? "'" + cell : cell;
    }
}
