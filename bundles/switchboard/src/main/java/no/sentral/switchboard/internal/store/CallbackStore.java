package no.sentral.switchboard.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import no.sentral.switchboard.internal.engine.PendingCallback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Callbacks keeping their place (PBX-05), durable: saved before the caller hears the confirmation,
 * deleted once connected or given up, and loaded back into the queues when the engine starts. The
 * engine's writes come through {@link CallbackWriter}, off its thread.
 */
@Component(service = CallbackStore.class)
public class CallbackStore {

    private final SwitchboardDatabase db;

    @Activate
    public CallbackStore(@Reference SwitchboardDatabase db) {
        this.db = db;
    }

    public void save(PendingCallback callback) {
        save(callback, 0);
    }

    /** Saves a callback, the statement cancelled after {@code timeoutSeconds} (0: no limit), e.g. behind a lock. */
    public void save(PendingCallback callback, int timeoutSeconds) {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_callback (tenant, call_id, queue, enqueued_at,"
                    + " body) VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (tenant, call_id) DO UPDATE SET body = excluded.body")) {
                ps.setQueryTimeout(timeoutSeconds);
                ps.setString(1, callback.tenant());
                ps.setString(2, callback.call());
                ps.setString(3, callback.queue());
                ps.setTimestamp(4, Timestamp.from(callback.enqueuedAt()));
                ps.setString(5, Json.write(callback));
                return ps.executeUpdate();
            }
        });
    }

    public void delete(String tenant, String call) {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sb_callback WHERE tenant = ? AND call_id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, call);
                return ps.executeUpdate();
            }
        });
    }

    /** Every pending callback, oldest first. */
    public List<PendingCallback> all() {
        return db.run(c -> {
            List<PendingCallback> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM sb_callback ORDER BY enqueued_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(read(rs.getString(1)));
                }
            }
            return list;
        });
    }

    /** Callbacks waiting in a queue, read on the caller's connection (a set-up change's transaction). */
    public int pending(Connection c, String tenant, String queue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sb_callback WHERE tenant = ? AND queue = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, queue);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static PendingCallback read(String json) {
        try {
            return Json.MAPPER.readValue(json, PendingCallback.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable callback: " + e.getMessage(), e);
        }
    }
}
