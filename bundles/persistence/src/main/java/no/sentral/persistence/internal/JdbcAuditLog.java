package no.sentral.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import no.sentral.api.audit.AuditEntry;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.audit.AuditQuery;
import no.sentral.api.spi.jdbc.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log in PostgreSQL; the table refuses UPDATE and DELETE by trigger. */
@Component(service = AuditLog.class)
public class JdbcAuditLog implements AuditLog {

    private static final String COLUMNS = "seq, at, tenant, actor, entity_type, entity_id, action, before, after";

    private final Database database;

    @Activate
    public JdbcAuditLog(@Reference Database database) {
        this.database = database;
    }

    @Override
    public AuditEntry append(String tenant, String actor, String entityType, String entityId, String action,
                             String before, String after) {
        try (Connection c = database.dataSource().getConnection()) {
            return insert(c, tenant, actor, entityType, entityId, action, before, after);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the audit log: " + e.getMessage(), e);
        }
    }

    /** Appends on the caller's connection, so the entry commits or rolls back with the caller's change. */
    static AuditEntry insert(Connection c, String tenant, String actor, String entityType, String entityId,
                             String action, String before, String after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_audit_log"
                + " (tenant, actor, entity_type, entity_id, action, before, after)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) RETURNING " + COLUMNS)) {
            ps.setString(1, require(tenant, "tenant"));
            ps.setString(2, require(actor, "actor"));
            ps.setString(3, require(entityType, "entityType"));
            ps.setString(4, require(entityId, "entityId"));
            ps.setString(5, require(action, "action"));
            ps.setString(6, before);
            ps.setString(7, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    @Override
    public List<AuditEntry> query(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM platform_audit_log WHERE tenant = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.tenant());
        condition(sql, args, "entity_type = ?", q.entityType());
        condition(sql, args, "entity_id = ?", q.entityId());
        condition(sql, args, "actor = ?", q.actor());
        condition(sql, args, "at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        condition(sql, args, "at < ?", q.to() == null ? null : Timestamp.from(q.to()));
        sql.append(" ORDER BY seq LIMIT ").append(q.limit());
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getMessage(), e);
        }
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("audit entry needs " + name);
        }
        return value;
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }
}
