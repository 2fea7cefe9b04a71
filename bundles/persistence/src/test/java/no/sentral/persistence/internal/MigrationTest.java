package no.sentral.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationTest {

    @Test
    void parsesVersionAndDescriptionFromTheFileName() {
        Migration m = Migration.fromFile("V1__platform_core.sql", "SELECT 1");
        assertNotNull(m);
        assertEquals(1, m.version());
        assertEquals("platform core", m.description());
        assertEquals("SELECT 1", m.sql());

        assertEquals(42, Migration.fromFile("V42__x.sql", "").version());
        assertEquals(7, Migration.fromFile("V007__leading_zeros.sql", "").version());
        assertEquals("Add Index 2", Migration.fromFile("V3__Add_Index_2.sql", "").description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1_single_underscore.sql", "v1__lower_case_v.sql", "V__no_version.sql",
            "V1__.sql", "V1__x.SQL", "V1__x.sql.bak", "R__repeatable.sql", "U1__undo.sql", "V1.1__dotted.sql",
            "VX__x.sql", "1__x.sql", "V1__x", "README.md", "V1__with space.sql", "V2__add-index.sql",
            "V99999999999__too_big.sql"})
    void otherFileNamesAreRefusedLoudly(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Migration.fromFile(name, "SELECT 1"));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void checksumIsStableAcrossLineEndings() {
        String lf = "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n";
        String crlf = lf.replace("\n", "\r\n");
        assertEquals(new Migration(1, "a", lf).checksum(), new Migration(1, "a", crlf).checksum());
        // Name and version are not part of the checksum; only the script is.
        assertEquals(new Migration(1, "a", lf).checksum(), new Migration(2, "b", lf).checksum());
    }

    @Test
    void checksumChangesWithTheScript() {
        String a = new Migration(1, "a", "CREATE TABLE a (id int);").checksum();
        assertNotEquals(a, new Migration(1, "a", "CREATE TABLE a (id bigint);").checksum());
        assertNotEquals(a, new Migration(1, "a", "CREATE TABLE a (id int); ").checksum());
        assertEquals(64, a.length(), "hex SHA-256");
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                new Migration(1, "empty", "").checksum(), "SHA-256 of the empty script");
    }
}
