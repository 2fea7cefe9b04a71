package no.sentral.switchboard.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.sentral.switchboard.internal.config.Kind;

/** The stored set-up documents of each company ({@code sb_object}, {@code sb_company}). */
public final class ConfigStore {

    /** One stored document with its version (the ETag). */
    public record Row(Kind kind, String id, JsonNode body, int version) {
    }

    private ConfigStore() {
    }

    /** Serialises changes to one company's set-up, so that each is validated against the one before. */
    public static void lock(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('sb-config:' || ?))")) {
            ps.setString(1, tenant);
            ps.executeQuery().close();
        }
    }

    public static List<String> tenants(Connection c) throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tenant FROM sb_object UNION SELECT tenant FROM sb_company ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tenants.add(rs.getString(1));
            }
        }
        return tenants;
    }

    /** A company's documents by kind and id. */
    public static List<Row> rows(Connection c, String tenant) throws SQLException {
        return query(c, "SELECT kind, id, body, version FROM sb_object WHERE tenant = ? ORDER BY kind, id", tenant);
    }

    public static Optional<Row> row(Connection c, String tenant, Kind kind, String id) throws SQLException {
        return query(c, "SELECT kind, id, body, version FROM sb_object WHERE tenant = ? AND kind = ? AND id = ?",
                tenant, kind.id(), id).stream().findFirst();
    }

    private static List<Row> query(Connection c, String sql, String... args) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(Kind.byId(rs.getString(1)), rs.getString(2), parse(rs.getString(3)), rs.getInt(4)));
                }
            }
        }
        return rows;
    }

    public static void put(Connection c, String tenant, Kind kind, String id, String body, int version)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_object (tenant, kind, id, body, version)"
                + " VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (tenant, kind, id) DO UPDATE SET body = excluded.body,"
                + " version = excluded.version")) {
            ps.setString(1, tenant);
            ps.setString(2, kind.id());
            ps.setString(3, id);
            ps.setString(4, body);
            ps.setInt(5, version);
            ps.executeUpdate();
        }
    }

    public static void delete(Connection c, String tenant, Kind kind, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sb_object WHERE tenant = ? AND kind = ? AND id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, kind.id());
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /** The company-wide time switch and the settings' version (0 when never set). */
    public record Company(String companySwitch, int version) {
    }

    public static Company company(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT company_switch, version FROM sb_company WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Company(rs.getString(1), rs.getInt(2)) : new Company(null, 0);
            }
        }
    }

    public static void putCompany(Connection c, String tenant, Company company) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_company (tenant, company_switch, version)"
                + " VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET company_switch = excluded.company_switch,"
                + " version = excluded.version")) {
            ps.setString(1, tenant);
            ps.setString(2, company.companySwitch());
            ps.setInt(3, company.version());
            ps.executeUpdate();
        }
    }

    private static JsonNode parse(String json) throws SQLException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable switchboard document: " + e.getMessage(), e);
        }
    }
}
