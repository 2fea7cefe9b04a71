package no.sentral.switchboard.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.sentral.api.event.EventAddress;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.api.telephony.CallRecord;
import no.sentral.switchboard.internal.engine.Visit;
import no.sentral.switchboard.internal.store.CdrJournal.Ended;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records ended calls so that none is lost, and writes them off the engine's thread: each is first
 * appended to the local {@link CdrJournal} (fsynced, a batch per write), then its CDR, its statistics
 * added to the 15-minute buckets (PBX-09) and the {@code sentral.call.ended} event commit together, a
 * journal batch (up to 500 calls of any companies) per transaction, and the batch's file is deleted.
 * A CDR written twice (a retry, or a replay after a crash between commit and delete) is kept once and
 * counted once, so the journal is replayed at start without care.
 *
 * <p>Memory is bounded: at most {@value #HANDOFF} ended calls wait for the journal (beyond, the engine's
 * threads wait for the disk: back-pressure instead of loss), and at most {@value #MEMORY} journaled calls
 * are kept in memory for the database; while the database is down, later batches stay on disk only
 * and are read back when it returns.
 */
@Component(service = CdrWriter.class)
public class CdrWriter {

    static final EventAddress ENDED = new EventAddress("call", "ended");
    private static final Logger LOG = LoggerFactory.getLogger(CdrWriter.class);
    private static final int BATCH = 500;
    static final int HANDOFF = 10_000;
    static final int MEMORY = 20_000;
    private static final long BUCKET_SECONDS = 15 * 60;

    /** A journal file, with its calls when they are kept in memory. */
    private record Batch(Path file, List<Ended> calls) {
    }

    private final Transactions transactions;
    private final int memoryLimit;
    private final CdrJournal journal;
    private final BlockingQueue<Ended> incoming = new ArrayBlockingQueue<>(HANDOFF);
    private final BlockingQueue<Batch> journaled = new LinkedBlockingQueue<>();
    /** Journal files whose calls are in {@link #journaled}; the others are read back from disk. */
    private final Set<Path> inMemory = ConcurrentHashMap.newKeySet();
    private final AtomicInteger memory = new AtomicInteger();
    private final AtomicInteger onDiskOnly = new AtomicInteger();
    private final AtomicLong unwritten = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final Thread journalThread;
    private final Thread databaseThread;
    private volatile boolean running = true;

    @Activate
    public CdrWriter(@Reference Transactions transactions) {
        this(transactions, CdrJournal.inKarafData());
    }

    /** Replays the journal left by the last run (its calls may or may not be in the database yet). */
    public CdrWriter(Transactions transactions, Path journalDirectory) {
        this(transactions, journalDirectory, MEMORY);
    }

    CdrWriter(Transactions transactions, Path journalDirectory, int memoryLimit) {
        this.transactions = transactions;
        this.memoryLimit = memoryLimit;
        this.journal = new CdrJournal(journalDirectory);
        List<Path> left = journal.files();
        onDiskOnly.set(left.size());
        unwritten.set(journal.count(left));
        if (!left.isEmpty()) {
            LOG.info("replaying {} call records from the journal {}", unwritten.get(), journalDirectory);
        }
        this.journalThread = new Thread(this::journalLoop, "sentral-cdr-journal");
        this.databaseThread = new Thread(this::databaseLoop, "sentral-cdr-writer");
        journalThread.setDaemon(true);
        databaseThread.setDaemon(true);
        journalThread.start();
        databaseThread.start();
    }

    /** Stops after journaling what was handed over and trying once to write what is in memory; the rest waits on disk. */
    @Deactivate
    public void stop() throws InterruptedException {
        running = false;
        journalThread.join(10_000);
        databaseThread.join(10_000);
        databaseThread.interrupt();
    }

    /** Hands an ended call over; waits only when {@value #HANDOFF} calls wait for the disk already. */
    public void add(CallRecord record, List<Visit> visits) {
        Ended e = new Ended(record, visits);
        unwritten.incrementAndGet();
        try {
            incoming.put(e);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            if (!incoming.offer(e)) {
                LOG.error("call record of {} lost: interrupted while the journal was full", record.call());
            }
        }
    }

    /** Ended calls not in the database yet (for health and tests), those left in the journal by the last run included. */
    public int backlog() {
        return (int) Math.min(Integer.MAX_VALUE, unwritten.get());
    }

    /** Ended calls journaled since start: durable, whatever happens to the process or the database. */
    public long recorded() {
        return recorded.get();
    }

    private void journalLoop() {
        while (running || !incoming.isEmpty()) {
            try {
                Ended first = incoming.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Ended> batch = new ArrayList<>(List.of(first));
                    incoming.drainTo(batch, BATCH - 1);
                    journal(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes a batch to the journal, retrying while the disk refuses; then hands it on, in memory if there is room. */
    private void journal(List<Ended> batch) throws InterruptedException {
        Path file = journal.next();
        boolean keep = memory.addAndGet(batch.size()) <= memoryLimit;
        if (keep) {
            inMemory.add(file);
        } else {
            memory.addAndGet(-batch.size());
        }
        while (true) {
            try {
                journal.write(file, batch);
                break;
            } catch (IOException | RuntimeException e) {
                LOG.error("journaling {} call records failed; retrying in a second", batch.size(), e);
                Thread.sleep(1000);
            }
        }
        recorded.addAndGet(batch.size());
        if (keep) {
            journaled.add(new Batch(file, batch));
        } else {
            onDiskOnly.incrementAndGet();
        }
    }

    private void databaseLoop() {
        try {
            while (running || journalThread.isAlive() || !journaled.isEmpty()) {
                Batch b = journaled.poll(200, TimeUnit.MILLISECONDS);
                if (b != null) {
                    write(b);
                    inMemory.remove(b.file());
                    memory.addAndGet(-b.calls().size());
                } else if (onDiskOnly.get() > 0) {
                    readBack();
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the journal files whose calls are not in memory (a database outage, or the last run's), oldest first. */
    private void readBack() throws InterruptedException {
        for (Path file : journal.files()) {
            if (!running) {
                return;
            }
            if (inMemory.contains(file)) {
                continue;
            }
            List<Ended> calls;
            try {
                calls = journal.read(file);
            } catch (IOException e) {
                LOG.error("the CDR journal file {} cannot be read; it is left for an operator", file, e);
                quarantine(file);
                onDiskOnly.decrementAndGet();
                continue;
            }
            write(new Batch(file, calls));
            onDiskOnly.decrementAndGet();
        }
    }

    private static void quarantine(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"));
        } catch (IOException e) {
            LOG.error("{} cannot be moved aside", file, e);
        }
    }

    /**
     * Writes a batch in one system transaction, whatever companies its calls belong to (each row and
     * event carries its own), retrying while the database is down; then deletes its journal file.
     */
    private void write(Batch b) throws InterruptedException {
        while (true) {
            try {
                transactions.inTransaction(Transactions.SYSTEM, "switchboard", tx -> {
                    List<Ended> fresh = insert(tx.connection(), b.calls());
                    addStats(tx.connection(), fresh);
                    fresh.forEach(e -> tx.publishFor(e.record().tenant(), ENDED, e.record().call(), e.record()));
                    return null;
                });
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    LOG.warn("{} call records left in the journal for the next start: {}", b.calls().size(), e.toString());
                    return;
                }
                LOG.error("writing {} call records failed; retrying in a second", b.calls().size(), e);
                Thread.sleep(1000);
            }
        }
        unwritten.addAndGet(-b.calls().size());
        try {
            journal.delete(b.file());
        } catch (IOException e) {
            LOG.warn("journal file {} not deleted; its calls are written and will be skipped at the next start",
                    b.file(), e);
        }
    }

    /** Inserts the CDRs not there yet and returns those. */
    private static List<Ended> insert(Connection c, List<Ended> batch) throws SQLException {
        List<Ended> fresh = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_cdr (tenant, call_id, direction, from_number,"
                + " to_number, started_at, answered_at, ended_at, disposition, answered_by, queue, wait_seconds,"
                + " talk_seconds, users, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (tenant, call_id) DO NOTHING")) {
            for (Ended e : batch) {
                CallRecord r = e.record();
                ps.setString(1, r.tenant());
                ps.setString(2, r.call());
                ps.setString(3, r.direction().name());
                ps.setString(4, r.from());
                ps.setString(5, r.to());
                ps.setTimestamp(6, Timestamp.from(r.startedAt()));
                ps.setTimestamp(7, r.answeredAt() == null ? null : Timestamp.from(r.answeredAt()));
                ps.setTimestamp(8, Timestamp.from(r.endedAt()));
                ps.setString(9, r.disposition().name());
                ps.setString(10, r.answeredBy());
                ps.setString(11, r.queue());
                ps.setLong(12, r.waitSeconds());
                ps.setLong(13, r.talkSeconds());
                ps.setArray(14, c.createArrayOf("text", r.users().toArray()));
                ps.setString(15, Json.write(r.path()));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    fresh.add(batch.get(i));
                }
            }
        }
        return fresh;
    }

    /** One bucket's additions. */
    private static final class Sums {
        int offered;
        int answered;
        int withinSl;
        int abandoned;
        int overflowed;
        int missed;
        int callbacksFailed;
        long waitMs;
        long talkMs;
    }

    private record Key(String tenant, Visit.Kind kind, String id, Instant bucket) {
    }

    static Instant bucket(Instant at) {
        long s = at.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, BUCKET_SECONDS));
    }

    private static void addStats(Connection c, List<Ended> fresh) throws SQLException {
        Map<Key, Sums> sums = new LinkedHashMap<>();
        for (Ended e : fresh) {
            for (Visit v : e.visits()) {
                Sums s = sums.computeIfAbsent(new Key(e.record().tenant(), v.kind(), v.id(), bucket(v.entered())),
                        k -> new Sums());
                s.offered++;
                switch (v.result()) {
                    case ANSWERED -> {
                        s.answered++;
                        s.waitMs += v.waitMillis();
                        s.talkMs += v.talkMillis();
                        if (v.withinServiceLevel()) {
                            s.withinSl++;
                        }
                    }
                    case ABANDONED -> s.abandoned++;
                    case OVERFLOW -> s.overflowed++;
                    case MISSED -> s.missed++;
                    case CALLBACK_FAILED -> s.callbacksFailed++;
                }
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, Sums>> ordered = new ArrayList<>(sums.entrySet());
        // Rows in key order, so that two writers (two nodes) cannot deadlock on them.
        ordered.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(Key::tenant)
                .thenComparing((Key k) -> k.kind().name()).thenComparing(Key::id).thenComparing(Key::bucket)));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_stats (tenant, kind, object_id, bucket, offered,"
                + " answered, answered_within_sl, abandoned, overflowed, missed, callbacks_failed, wait_ms_answered,"
                + " talk_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, kind, object_id, bucket)"
                + " DO UPDATE SET offered = sb_stats.offered + excluded.offered,"
                + " answered = sb_stats.answered + excluded.answered,"
                + " answered_within_sl = sb_stats.answered_within_sl + excluded.answered_within_sl,"
                + " abandoned = sb_stats.abandoned + excluded.abandoned,"
                + " overflowed = sb_stats.overflowed + excluded.overflowed, missed = sb_stats.missed + excluded.missed,"
                + " callbacks_failed = sb_stats.callbacks_failed + excluded.callbacks_failed,"
                + " wait_ms_answered = sb_stats.wait_ms_answered + excluded.wait_ms_answered,"
                + " talk_ms = sb_stats.talk_ms + excluded.talk_ms")) {
            for (Map.Entry<Key, Sums> e : ordered) {
                Key k = e.getKey();
                Sums s = e.getValue();
                ps.setString(1, k.tenant());
                ps.setString(2, k.kind().name().toLowerCase());
                ps.setString(3, k.id());
                ps.setTimestamp(4, Timestamp.from(k.bucket()));
                ps.setInt(5, s.offered);
                ps.setInt(6, s.answered);
                ps.setInt(7, s.withinSl);
                ps.setInt(8, s.abandoned);
                ps.setInt(9, s.overflowed);
                ps.setInt(10, s.missed);
                ps.setInt(11, s.callbacksFailed);
                ps.setLong(12, s.waitMs);
                ps.setLong(13, s.talkMs);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
