package no.sentral.switchboard.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.sentral.api.telephony.Hop;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** What happened: 15-minute statistics by period (PBX-09) and each employee's call log (PBX-10). */
@Component(service = History.class)
public class History {

    /** One 15-minute bucket; percentages and averages are null where nothing was answered or offered. */
    public record Bucket(Instant start, int offered, int answered, int abandoned, int overflowed, int missed,
                         int callbacksFailed, Integer serviceLevelPercent, Integer serviceLevelWithAbandonedPercent,
                         Long averageAnswerSeconds, Long averageHandleSeconds) {
    }

    /** A line of an employee's call log: {@code answered} when they talked on it. */
    public record LogEntry(String call, Instant at, String direction, String from, String to, boolean answered,
                           String disposition, long waitSeconds, long talkSeconds) {
    }

    private static final TypeReference<List<Hop>> HOPS = new TypeReference<>() {
    };

    private final SwitchboardDatabase db;

    @Activate
    public History(@Reference SwitchboardDatabase db) {
        this.db = db;
    }

    public List<Bucket> buckets(String tenant, String kind, String id, Instant from, Instant to) {
        return db.run(c -> {
            List<Bucket> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT bucket, offered, answered, abandoned, overflowed,"
                    + " missed, callbacks_failed, answered_within_sl, wait_ms_answered, talk_ms FROM sb_stats"
                    + " WHERE tenant = ? AND kind = ? AND object_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket")) {
                ps.setString(1, tenant);
                ps.setString(2, kind);
                ps.setString(3, id);
                ps.setTimestamp(4, Timestamp.from(from));
                ps.setTimestamp(5, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(bucket(rs));
                    }
                }
            }
            return list;
        });
    }

    private static Bucket bucket(ResultSet rs) throws SQLException {
        int answered = rs.getInt(3);
        int abandoned = rs.getInt(4);
        int within = rs.getInt(8);
        return new Bucket(rs.getTimestamp(1).toInstant(), rs.getInt(2), answered, abandoned, rs.getInt(5),
                rs.getInt(6), rs.getInt(7), answered == 0 ? null : Math.round(100f * within / answered),
                answered + abandoned == 0 ? null : Math.round(100f * within / (answered + abandoned)),
                answered == 0 ? null : rs.getLong(9) / answered / 1000,
                answered == 0 ? null : rs.getLong(10) / answered / 1000);
    }

    /**
     * Ended calls newest first: an employee's call log when {@code user} is given (answered = they talked),
     * else all the company's calls (answered = anyone did).
     */
    public List<LogEntry> log(String tenant, String user, Instant from, Instant to, int limit) {
        return db.run(c -> {
            List<LogEntry> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT call_id, started_at, direction, from_number, to_number,"
                    + (user == null ? " answered_at IS NOT NULL" : " answered_by IS NOT DISTINCT FROM ?")
                    + ", disposition, wait_seconds, talk_seconds FROM sb_cdr WHERE tenant = ?"
                    + (user == null ? "" : " AND users @> ARRAY[?::text]")
                    + " AND started_at >= ? AND started_at < ? ORDER BY started_at DESC LIMIT ?")) {
                int i = 1;
                if (user != null) {
                    ps.setString(i++, user);
                }
                ps.setString(i++, tenant);
                if (user != null) {
                    ps.setString(i++, user);
                }
                ps.setTimestamp(i++, Timestamp.from(from));
                ps.setTimestamp(i++, Timestamp.from(to));
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(new LogEntry(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getLong(8),
                                rs.getLong(9)));
                    }
                }
            }
            return list;
        });
    }

    /** The path of one ended call (SB-02), or null when there is no such ended call. */
    public List<Hop> path(String tenant, String call) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT path FROM sb_cdr WHERE tenant = ? AND call_id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, call);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? hops(rs.getString(1)) : null;
                }
            }
        });
    }

    private static List<Hop> hops(String json) {
        try {
            return Json.MAPPER.readValue(json, HOPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored call path is not JSON", e);
        }
    }
}
