package no.sentral.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {

    @Test
    void cellsASpreadsheetWouldRunGetAnApostrophe() {
        for (String formula : new String[] {"=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
            "+4722000001;=1", "+47 22 00 00 01"}) {
            assertEquals("'" + formula, SpreadsheetCells.defuse(formula), formula);
        }
    }

    @Test
    void ordinaryTextAndE164NumbersStayAsTheyAre() {
        for (String text : new String[] {"Kari Nordmann", "+4722000001", "8947010000000010017", "a=b", "", " =x"}) {
            assertEquals(text, SpreadsheetCells.defuse(text), text);
        }
        assertNull(SpreadsheetCells.defuse(null));
    }
}
