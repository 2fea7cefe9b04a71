package no.sentral.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedPostmasterTest {

    private static final Path DATA = Path.of("/opt/sentral/data/postgresql/data");

    @Test
    void postgresOnThisDataDirectoryIsThePostmaster() {
        assertTrue(OrphanedPostmaster.isPostmasterOf(
                info("/work/PG-1a2b/bin/postgres", "-D", DATA.toString(), "-p", "5433", "-F"), DATA));
        assertTrue(OrphanedPostmaster.isPostmasterOf(
                info("/work/PG-1a2b/bin/postgres", "-D", DATA + "/"), DATA));
    }

    @Test
    void postgresOnAnotherDataDirectoryIsLeftAlone() {
        assertFalse(OrphanedPostmaster.isPostmasterOf(
                info("/usr/lib/postgresql/16/bin/postgres", "-D", "/var/lib/postgresql/16/main"), DATA));
    }

    @Test
    void otherProgramsAreLeftAlone() {
        assertFalse(OrphanedPostmaster.isPostmasterOf(info("/usr/bin/java", "-D", DATA.toString()), DATA));
        assertFalse(OrphanedPostmaster.isPostmasterOf(info(null), DATA));
    }

    @Test
    void postgresWithUnreadableArgumentsCounts() {
        assertTrue(OrphanedPostmaster.isPostmasterOf(new FakeInfo("/x/bin/postgres", null), DATA));
    }

    @Test
    void aPidFileNamingALiveUnrelatedProcessStopsNothing(@TempDir Path data) throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(data.resolve("postmaster.pid"), self + "\n" + data + "\n");

        OrphanedPostmaster.stopIfRunning(data, Duration.ofSeconds(1));

        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void aPidFileNamingADeadProcessStopsNothing(@TempDir Path data) throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Files.writeString(data.resolve("postmaster.pid"), exited.pid() + "\n" + data + "\n");

        assertTrue(OrphanedPostmaster.find(data).isEmpty());
    }

    @Test
    void noPidFileNoOrphan(@TempDir Path data) throws IOException {
        assertTrue(OrphanedPostmaster.find(data).isEmpty());
    }

    private static ProcessHandle.Info info(String command, String... arguments) {
        return new FakeInfo(command, arguments);
    }

    private record FakeInfo(String commandPath, String[] args) implements ProcessHandle.Info {
        @Override
        public Optional<String> command() {
            return Optional.ofNullable(commandPath);
        }

        @Override
        public Optional<String> commandLine() {
            return Optional.empty();
        }

        @Override
        public Optional<String[]> arguments() {
            return Optional.ofNullable(args);
        }

        @Override
        public Optional<Instant> startInstant() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
            return Optional.empty();
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }
    }
}
