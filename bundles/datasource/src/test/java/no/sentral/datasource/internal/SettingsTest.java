package no.sentral.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsKeepEverythingUnderKarafData() {
        Settings settings = Settings.from(TestConfig.defaults(), "/opt/sentral/data");

        assertEquals(Mode.EMBEDDED, settings.mode());
        assertEquals(Path.of("/opt/sentral/data/postgresql/data"), settings.dataDirectory());
        assertEquals(Path.of("/opt/sentral/data/postgresql/work"), settings.workDirectory());
        assertEquals(0, settings.port());
        assertEquals(10, settings.poolSize());
    }

    @Test
    void withoutKarafDataUsesDataInTheWorkingDirectory() {
        Settings settings = Settings.from(TestConfig.defaults(), null);

        assertEquals(Path.of("data/postgresql/data").toAbsolutePath(), settings.dataDirectory());
        assertEquals(Path.of("data/postgresql/work").toAbsolutePath(), settings.workDirectory());
        assertEquals(settings, Settings.from(TestConfig.defaults(), "  "));
    }

    @Test
    void configuredDataDirectoryWinsButBinariesStayUnderKarafData() {
        Settings settings = Settings.from(TestConfig.defaults().withDataDirectory(" /srv/pg/../pgdata "), "/opt/data");

        assertEquals(Path.of("/srv/pgdata"), settings.dataDirectory());
        assertEquals(Path.of("/opt/data/postgresql/work"), settings.workDirectory());
    }

    @Test
    void modeIsCaseInsensitive() {
        assertEquals(Mode.EMBEDDED, Settings.from(TestConfig.defaults().withMode(" Embedded "), "/d").mode());
    }

    @Test
    void unknownModeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(TestConfig.defaults().withMode("h2"), "/d"));
        assertTrue(e.getMessage().contains("'h2'"), e.getMessage());
    }

    @Test
    void externalNeedsPostgresUrl() {
        assertThrows(IllegalArgumentException.class,
                () -> Settings.from(TestConfig.external("", "u", "p"), "/d"));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.from(TestConfig.external("jdbc:mysql://db/sentral", "u", "p"), "/d"));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.from(TestConfig.external("jdbc:postgresql://db:notaport/sentral", "u", "p"), "/d"));
    }

    @Test
    void externalKeepsConnectionSettings() {
        Settings settings = Settings.from(
                TestConfig.external(" jdbc:postgresql://db:5432/sentral ", " sentral ", " secret "), "/d");

        assertEquals(Mode.EXTERNAL, settings.mode());
        assertEquals("jdbc:postgresql://db:5432/sentral", settings.url());
        assertEquals("sentral", settings.user());
        assertEquals(" secret ", settings.password(), "a password may have blanks at either end");
    }

    @Test
    void portAndPoolSizeAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Settings.from(TestConfig.defaults().withPort(-1), "/d"));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(TestConfig.defaults().withPort(65536), "/d"));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(TestConfig.defaults().withPoolSize(0), "/d"));
        assertEquals(5433, Settings.from(TestConfig.defaults().withPort(5433), "/d").port());
    }

    @Test
    void passwordsNeverShowInTextForLogs() {
        Settings settings = Settings.from(TestConfig.external(
                "jdbc:postgresql://db/sentral?password=inUrl&ssl=true", "sentral", "configured"), "/d");

        for (String text : new String[] {settings.describe(), settings.toString()}) {
            assertFalse(text.contains("inUrl"), text);
            assertFalse(text.contains("configured"), text);
            assertTrue(text.contains("jdbc:postgresql://db/sentral"), text);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(TestConfig.external("jdbc:pg://db?password=inUrl", "u", ""), "/d"));
        assertFalse(e.getMessage().contains("inUrl"), e.getMessage());
    }
}
