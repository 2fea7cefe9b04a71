package no.sentral.switchboard.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import no.sentral.api.event.EventAddress;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.api.telephony.CallRecord;
import no.sentral.switchboard.internal.engine.Visit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ended calls off the engine's thread: the CDR, its statistics added to the 15-minute buckets
 * (PBX-09) and the {@code sentral.call.ended} event commit together, up to 500 calls of any companies
 * per transaction. A CDR written twice (a retry) is kept once and counted once.
 */
@Component(service = CdrWriter.class)
public class CdrWriter {

    static final EventAddress ENDED = new EventAddress("call", "ended");
    private static final Logger LOG = LoggerFactory.getLogger(CdrWriter.class);
    private static final int BATCH = 500;
    private static final long BUCKET_SECONDS = 15 * 60;

    private record Ended(CallRecord record, List<Visit> visits) {
    }

    private final Transactions transactions;
    private final BlockingQueue<Ended> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    @Activate
    public CdrWriter(@Reference Transactions transactions) {
        this.transactions = transactions;
        this.writer = new Thread(this::loop, "sentral-cdr-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops after writing what is queued. */
    @Deactivate
    public void stop() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(10_000);
        drain();
    }

    public void add(CallRecord record, List<Visit> visits) {
        queue.add(new Ended(record, visits));
    }

    /** Ended calls not written yet (for health and tests). */
    public int backlog() {
        return queue.size();
    }

    private void loop() {
        while (running) {
            try {
                Ended first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Ended> batch = new ArrayList<>(List.of(first));
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("writing call records failed; retrying in a second", e);
                sleep();
            }
        }
    }

    private void drain() {
        List<Ended> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes a batch in one system transaction, whatever companies its calls belong to (each row and
     * event carries its own); a failed batch is retried whole, which the writes' idempotence allows.
     */
    private void write(List<Ended> batch) {
        while (true) {
            try {
                transactions.inTransaction(Transactions.SYSTEM, "switchboard", tx -> {
                    List<Ended> fresh = insert(tx.connection(), batch);
                    addStats(tx.connection(), fresh);
                    fresh.forEach(e -> tx.publishFor(e.record().tenant(), ENDED, e.record().call(), e.record()));
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    throw e;
                }
                LOG.error("writing {} call records failed; retrying", batch.size(), e);
                sleep();
            }
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
