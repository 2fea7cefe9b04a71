package no.sentral.switchboard.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.sentral.api.telephony.CallRecord;
import no.sentral.switchboard.internal.engine.Visit;

/**
 * The local journal of ended calls that are not in the database yet: one file per batch, a JSON line
 * per call, fsynced and then renamed into place, so a file either holds its whole batch or is not
 * there (a half-written {@code .part} left by a crash held calls that were never reported recorded).
 * A file is deleted once its calls are committed to the database.
 */
final class CdrJournal {

    static final String SUFFIX = ".cdr";
    private static final String PART = ".part";

    /** An ended call: its CDR and how each of its queue, group and agent visits went. */
    record Ended(CallRecord record, List<Visit> visits) {
    }

    private final Path directory;
    private long seq;

    CdrJournal(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> parts = Files.list(directory)) {
                for (Path p : parts.filter(p -> p.getFileName().toString().endsWith(PART)).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the CDR journal " + directory + " cannot be used", e);
        }
    }

    /** Under Karaf's {@code data} folder. */
    static Path inKarafData() {
        return Path.of(System.getProperty("karaf.data", "data"), "switchboard", "cdr-journal");
    }

    /** The name the next batch will have; names sort in the order batches were written. */
    Path next() {
        return directory.resolve(String.format("%013d-%09d%s", System.currentTimeMillis(), seq++, SUFFIX));
    }

    /** Writes the batch under {@code file}, durable when this returns. */
    void write(Path file, List<Ended> batch) throws IOException {
        StringBuilder text = new StringBuilder(batch.size() * 1024);
        for (Ended e : batch) {
            text.append(Json.write(e)).append('\n');
        }
        Path part = file.resolveSibling(file.getFileName() + PART);
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** Makes the rename itself durable (a new directory entry survives a power cut only once its directory is synced). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Some file systems cannot open a directory for syncing; the file itself is synced.
        }
    }

    /** The journal's files, oldest first. */
    List<Path> files() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Ended> read(Path file) throws IOException {
        List<Ended> batch = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                batch.add(Json.MAPPER.readValue(line, Ended.class));
            } catch (JsonProcessingException e) {
                throw new IOException("unreadable CDR in " + file + ": " + e.getMessage(), e);
            }
        }
        return batch;
    }

    /** The calls in these files. */
    long count(List<Path> files) {
        long n = 0;
        for (Path f : files) {
            try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                n += lines.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
