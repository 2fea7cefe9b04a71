package no.sentral.datasource.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster left running on the data directory by a Sentral that died without stopping it (kill -9):
 * postgres runs as its own daemon, so it outlives the JVM. zonky would then either talk to that old server
 * (same port) or wait in vain for its own to come up (it cannot start on a data directory in use), so it is
 * stopped first.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);

    /** The file zonky locks for as long as its EmbeddedPostgres owns the data directory. */
    static final String ZONKY_LOCK_FILE = "epg-lock";

    private OrphanedPostmaster() {
    }

    /**
     * Stops the postmaster named in {@code postmaster.pid}, if it still runs and no live JVM owns the data
     * directory.
     *
     * @throws IllegalStateException if the data directory is in use by a running embedded database
     * @throws IOException           if the orphan does not stop within {@code timeout}
     */
    static void stopIfRunning(Path dataDirectory, Duration timeout) throws IOException, InterruptedException {
        Optional<ProcessHandle> postmaster = find(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        // zonky holds this lock while its database runs, so getting it proves the postmaster has no owner:
        // without this check a second Sentral on the same directory would shut down the first one's database.
        // Only touched when postgres runs: a file in a fresh data directory would make initdb refuse it.
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(dataDirectory + " is in use by another process");
            }
            stop(postmaster.get(), timeout);
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException(dataDirectory + " is in use by a database already running in this JVM", e);
        }
    }

    static Optional<ProcessHandle> find(Path dataDirectory) throws IOException {
        return PostmasterPidFile.read(dataDirectory)
                .flatMap(pidFile -> ProcessHandle.of(pidFile.pid()))
                .filter(process -> isPostmasterOf(process.info(), dataDirectory));
    }

    /**
     * True when the process is a postgres whose command line names the data directory: the pid in a stale
     * postmaster.pid may since have been given to an unrelated process, which must be left alone.
     */
    static boolean isPostmasterOf(ProcessHandle.Info info, Path dataDirectory) {
        boolean postgres = info.command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
        Path wanted = dataDirectory.toAbsolutePath().normalize();
        return postgres && info.arguments()
                .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> isPath(argument, wanted)))
                .orElse(true);
    }

    private static boolean isPath(String argument, Path wanted) {
        try {
            return Path.of(argument).toAbsolutePath().normalize().equals(wanted);
        } catch (RuntimeException notAPath) {
            return false;
        }
    }

    private static void stop(ProcessHandle postmaster, Duration timeout) throws IOException, InterruptedException {
        LOG.warn("Stopping PostgreSQL postmaster {} left running by a previous Sentral", postmaster.pid());
        // SIGTERM is PostgreSQL's "smart" shutdown: it finishes cleanly once the dead JVM's sessions are gone.
        postmaster.destroy();
        try {
            postmaster.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("PostgreSQL postmaster " + postmaster.pid() + " left running by a previous Sentral"
                    + " did not stop within " + timeout.toSeconds() + " s; stop it with: kill -INT "
                    + postmaster.pid(), e);
        } catch (ExecutionException e) {
            throw new IOException("Could not wait for postmaster " + postmaster.pid() + " to stop", e.getCause());
        }
    }
}
