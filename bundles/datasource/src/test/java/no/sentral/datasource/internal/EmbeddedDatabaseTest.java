package no.sentral.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real PostgreSQL 16 binaries; as root they run under {@code unshare -U}. */
class EmbeddedDatabaseTest {

    /** Shared so the binaries are unpacked once. */
    @TempDir
    static Path work;

    @Test
    void dataSurvivesARestartAndIsWrittenDurably(@TempDir Path data) throws Exception {
        try (EmbeddedDatabase db = timedStart(data, "first start (unpack + initdb)")) {
            update(db, "CREATE TABLE call_log (id int PRIMARY KEY, caller text)");
            update(db, "INSERT INTO call_log VALUES (1, '+4722000000')");
        }
        try (EmbeddedDatabase db = timedStart(data, "restart")) {
            assertEquals("+4722000000", query(db, "SELECT caller FROM call_log WHERE id = 1"));
            assertEquals("on", query(db, "SHOW fsync"));
            assertEquals("on", query(db, "SHOW synchronous_commit"));
            assertEquals("on", query(db, "SHOW full_page_writes"));
            assertEquals("localhost", query(db, "SHOW listen_addresses"));
            assertEquals("", query(db, "SHOW unix_socket_directories"));
        }
    }

    @Test
    void aPostmasterLeftRunningIsStoppedBeforeStarting(@TempDir Path data) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, work, 0)) {
            update(db, "CREATE TABLE survivor (id int)");
        }
        ProcessHandle orphan = startPostmasterLikeACrashedSentralLeftIt(data);
        try {
            try (EmbeddedDatabase db = timedStart(data, "start after stopping an orphan")) {
                assertFalse(orphan.isAlive());
                assertEquals("0", query(db, "SELECT count(*) FROM survivor"));
            }
        } finally {
            orphan.destroy();
        }
    }

    @Test
    void aDataDirectoryInUseIsNotTakenOver(@TempDir Path data) throws Exception {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(data, work, 0)) {
            assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(data, work, 0));
            assertEquals("1", query(running, "SELECT 1"));
        }
    }

    /**
     * Issue 11 section 5: binaries unpacked ahead, as the distribution ships them, with modification times and
     * modes that unpacking the distribution did not keep (its {@code .exists} older than the files, programs not
     * executable), are used as they are.
     */
    @Test
    void binariesShippedUnpackedAreNotUnpackedAgain(@TempDir Path data, @TempDir Path shipped) throws Exception {
        timedStart(data, "first start (unpack + initdb)").close();
        Path binaries;
        try (Stream<Path> unpacked = Files.list(work)) {
            binaries = unpacked.filter(dir -> dir.getFileName().toString().startsWith("PG-")).findFirst().orElseThrow();
        }
        Path copy = shipped.resolve(binaries.getFileName());
        try (Stream<Path> tree = Files.walk(binaries)) {
            for (Path from : (Iterable<Path>) tree::iterator) {
                Files.copy(from, copy.resolve(binaries.relativize(from).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        FileTime shippedAt = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(copy.resolve(".exists"), FileTime.fromMillis(shippedAt.toMillis() - 3_600_000));
        Files.setLastModifiedTime(copy.resolve("bin/postgres"), shippedAt);
        try (Stream<Path> programs = Files.list(copy.resolve("bin"))) {
            programs.forEach(program -> assertTrue(program.toFile().setExecutable(false)));
        }

        EmbeddedDatabase.start(data, shipped, 0).close();

        assertEquals(shippedAt, Files.getLastModifiedTime(copy.resolve("bin/postgres")), "unpacked again");
    }

    /**
     * Issue 11 section 5: the distribution ships an initialised cluster, and unpacking it need not keep the data
     * directory's mode 0700, without which PostgreSQL refuses to start.
     */
    @Test
    void aShippedClusterUnpackedWithoutItsModesStarts(@TempDir Path data) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, work, 0)) {
            update(db, "CREATE TABLE shipped (id int)");
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (EmbeddedDatabase db = timedStart(data, "start of a shipped cluster")) {
            assertEquals("0", query(db, "SELECT count(*) FROM shipped"));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    private static EmbeddedDatabase timedStart(Path data, String what) throws Exception {
        long started = System.nanoTime();
        EmbeddedDatabase db = EmbeddedDatabase.start(data, work, 0);
        System.out.printf("EmbeddedDatabase %s: %d ms%n", what, (System.nanoTime() - started) / 1_000_000);
        return db;
    }

    /** Starts postgres the way zonky does, but with no JVM holding the data directory: an orphan. */
    private static ProcessHandle startPostmasterLikeACrashedSentralLeftIt(Path data) throws Exception {
        Path pgCtl;
        try (Stream<Path> unpacked = Files.list(work)) {
            pgCtl = unpacked.filter(dir -> dir.getFileName().toString().startsWith("PG-"))
                    .map(dir -> dir.resolve("bin/pg_ctl")).findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // postgres refuses to run as root
        }
        command.addAll(List.of(pgCtl.toString(), "-D", data.toString(), "-l", data.resolve("orphan.log").toString(),
                "-o", "-p " + freePort(), "-w", "start"));
        Process pgCtlRun = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, pgCtlRun.waitFor(), "pg_ctl start");
        ProcessHandle orphan = OrphanedPostmaster.find(data).orElseThrow();
        assertTrue(orphan.isAlive());
        return orphan;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void update(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }
}
