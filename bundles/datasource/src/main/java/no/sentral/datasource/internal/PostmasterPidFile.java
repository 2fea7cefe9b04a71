package no.sentral.datasource.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} file PostgreSQL keeps in its data directory while it runs: the first line is the
 * postmaster's process id, the second its data directory.
 */
record PostmasterPidFile(long pid, Path dataDirectory) {

    static final String NAME = "postmaster.pid";

    static Optional<PostmasterPidFile> read(Path dataDirectory) throws IOException {
        try {
            return parse(Files.readAllLines(dataDirectory.resolve(NAME)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Empty when the content is not a pid file, e.g. one cut short by a crash while it was written. */
    static Optional<PostmasterPidFile> parse(List<String> lines) {
        if (lines.size() < 2 || lines.get(1).isBlank()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return pid > 0 ? Optional.of(new PostmasterPidFile(pid, Path.of(lines.get(1).trim()))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
