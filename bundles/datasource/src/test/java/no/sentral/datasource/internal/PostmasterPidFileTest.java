package no.sentral.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterPidFileTest {

    /** As written by PostgreSQL 16. */
    private static final String PID_FILE = """
            12345
            /opt/sentral/data/postgresql/data
            1764115200
            5433
            /tmp
            localhost
              5433001    327680
            ready   \s
            """;

    @Test
    void readsPidAndDataDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), PID_FILE);

        assertEquals(Optional.of(new PostmasterPidFile(12345, Path.of("/opt/sentral/data/postgresql/data"))),
                PostmasterPidFile.read(dir));
    }

    @Test
    void noFileMeansNoPostmaster(@TempDir Path dir) throws IOException {
        assertEquals(Optional.empty(), PostmasterPidFile.read(dir));
    }

    @Test
    void damagedContentIsIgnored() {
        assertEquals(Optional.empty(), PostmasterPidFile.parse(List.of()));
        assertEquals(Optional.empty(), PostmasterPidFile.parse(List.of("12345")));
        assertEquals(Optional.empty(), PostmasterPidFile.parse(List.of("12345", "")));
        assertEquals(Optional.empty(), PostmasterPidFile.parse(List.of("not a pid", "/data")));
        assertEquals(Optional.empty(), PostmasterPidFile.parse(List.of("-1", "/data")));
    }
}
