package no.sentral.organisation.internal.store;

import no.sentral.api.spi.jdbc.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.Company;
import no.sentral.api.organisation.Contact;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.Device;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.ShippingAddress;
import no.sentral.api.organisation.Sim;
import no.sentral.api.organisation.SimOrder;
import no.sentral.api.organisation.SimOrderStatus;
import no.sentral.api.organisation.SimStatus;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.organisation.SubscriptionStatus;

/** Column lists, row mappers and the look-ups several services share. All of them take the tenant. */
public final class OrgRows {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final JsonColumn<List<Addon>> ADDONS = new JsonColumn<>(new TypeReference<List<Addon>>() { },
            List::copyOf);
    static final JsonColumn<DirectoryListing> DIRECTORY = new JsonColumn<>(
            new TypeReference<DirectoryListing>() { }, UnaryOperator.identity());

    public static final String COMPANY = "SELECT tenant, name, org_number, address, postal_code, city, version"
            + " FROM org_company";
    public static final String DEPARTMENT = "SELECT id, parent_id, name, cost_centre, version FROM org_department";
    public static final String EMPLOYEE = "SELECT id, department_id, name, email, mobile, title, language,"
            + " employee_number, username, photo IS NOT NULL, version FROM org_employee";
    public static final String CONTACT = "SELECT id, name, organisation, phone, email, note, version FROM org_contact";
    public static final String PRICE_PLAN = "SELECT code, name, kind, data_gb, monthly_price_ore FROM org_price_plan";
    public static final String SUBSCRIPTION = "SELECT id, number, kind, status, employee_id, department_id,"
            + " price_plan, iccid, addons, directory, version FROM org_subscription";
    public static final String SIM = "SELECT s.iccid, s.status, (SELECT b.id FROM org_subscription b"
            + " WHERE b.tenant = s.tenant AND (b.iccid = s.iccid OR b.addons @> jsonb_build_array("
            + "jsonb_build_object('code', 'twin-sim', 'iccid', s.iccid))) AND b.status <> 'TERMINATED' LIMIT 1)"
            + " FROM org_sim s";
    public static final String SIM_ORDER = "SELECT id, subscription_id, name, street, postal_code, city, status,"
            + " iccid, created_at, updated_at, version FROM org_sim_order";
    public static final String DEVICE = "SELECT d.imei, d.model, d.iccid, (SELECT b.id FROM org_subscription b"
            + " WHERE b.tenant = d.tenant AND b.iccid = d.iccid AND b.status <> 'TERMINATED' LIMIT 1),"
            + " d.first_seen, d.last_seen FROM org_device d";

    private OrgRows() {
    }

    public static Company company(ResultSet rs) throws SQLException {
        return new Company(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7));
    }

    public static Department department(ResultSet rs) throws SQLException {
        return new Department(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5));
    }

    public static Employee employee(ResultSet rs) throws SQLException {
        return new Employee(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getInt(11));
    }

    public static Contact contact(ResultSet rs) throws SQLException {
        return new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7));
    }

    public static PricePlan pricePlan(ResultSet rs) throws SQLException {
        int gb = rs.getInt(4);
        return new PricePlan(rs.getString(1), rs.getString(2), SubscriptionKind.valueOf(rs.getString(3)),
                rs.wasNull() ? null : gb, rs.getLong(5));
    }

    public static Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(rs.getString(1), rs.getString(2), SubscriptionKind.valueOf(rs.getString(3)),
                SubscriptionStatus.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), ADDONS.read(rs.getString(9)), DIRECTORY.read(rs.getString(10)), rs.getInt(11));
    }

    public static Sim sim(ResultSet rs) throws SQLException {
        return new Sim(rs.getString(1), SimStatus.valueOf(rs.getString(2)), rs.getString(3));
    }

    public static SimOrder simOrder(ResultSet rs) throws SQLException {
        return new SimOrder(rs.getString(1), rs.getString(2), new ShippingAddress(rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6)), SimOrderStatus.valueOf(rs.getString(7)), rs.getString(8),
                rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), rs.getInt(11));
    }

    public static Device device(ResultSet rs) throws SQLException {
        Timestamp first = rs.getTimestamp(5);
        return new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), first.toInstant(),
                rs.getTimestamp(6).toInstant());
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A JSON column's values, each distinct text read once. Subscriptions' add-ons and directory listings repeat
     * (most rows of a company share a handful), and reading them again cost a list page a hundred parsers; the
     * values are immutable, so one can serve every row. At most {@link #MAX_KNOWN} texts are remembered.
     */
    static final class JsonColumn<T> {

        static final int MAX_KNOWN = 1_000;

        private final ObjectReader reader;
        private final UnaryOperator<T> frozen;
        private final Map<String, T> known = new ConcurrentHashMap<>();

        JsonColumn(TypeReference<T> type, UnaryOperator<T> frozen) {
            this.reader = JSON.readerFor(type);
            this.frozen = frozen;
        }

        T read(String json) {
            T value = known.get(json);
            if (value == null) {
                try {
                    value = frozen.apply(reader.readValue(json));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("unreadable JSON column: " + e.getOriginalMessage(), e);
                }
                if (known.size() < MAX_KNOWN) {
                    known.put(json, value);
                }
            }
            return value;
        }
    }

    public static List<Department> departments(Connection c, String tenant) throws SQLException {
        return Sql.list(c, DEPARTMENT + " WHERE tenant = ? ORDER BY lower(name)", OrgRows::department, tenant);
    }

    /**
     * Inside a transaction, a row read to be checked and changed is locked until the commit, so that
     * two writers holding the same version cannot both pass the version check. Rows that are only
     * referenced are read without it; the lock does not block inserts that reference the row either
     * (foreign keys take a key-share lock).
     */
    public static String lockInTransaction(Connection c) throws SQLException {
        return c.getAutoCommit() ? "" : " FOR NO KEY UPDATE";
    }

    /** A department; {@code forChange} locks it in a transaction (see {@link #lockInTransaction}). */
    public static Optional<Department> department(Connection c, String tenant, UUID id, boolean forChange)
            throws SQLException {
        return Sql.one(c, DEPARTMENT + " WHERE tenant = ? AND id = ?" + (forChange ? lockInTransaction(c) : ""),
                OrgRows::department, tenant, id);
    }

    /** An employee; {@code forChange} locks the row in a transaction (see {@link #lockInTransaction}). */
    public static Optional<Employee> employee(Connection c, String tenant, UUID id, boolean forChange)
            throws SQLException {
        return Sql.one(c, EMPLOYEE + " WHERE tenant = ? AND id = ?" + (forChange ? lockInTransaction(c) : ""),
                OrgRows::employee, tenant, id);
    }

    public static Optional<Employee> employeeByUsername(Connection c, String tenant, String username)
            throws SQLException {
        return Sql.one(c, EMPLOYEE + " WHERE tenant = ? AND username = ?", OrgRows::employee, tenant, username);
    }

    public static Optional<Subscription> subscription(Connection c, String tenant, UUID id) throws SQLException {
        return Sql.one(c, SUBSCRIPTION + " WHERE tenant = ? AND id = ?" + lockInTransaction(c), OrgRows::subscription,
                tenant, id);
    }

    /** The plans of the agreement as it stands (without those taken out of it). */
    public static List<PricePlan> offeredPlans(Connection c, String tenant) throws SQLException {
        return Sql.list(c, PRICE_PLAN + " WHERE tenant = ? AND NOT withdrawn ORDER BY code", OrgRows::pricePlan, tenant);
    }

    /**
     * A price plan: {@code offeredOnly} for a new choice (the agreement as it stands), otherwise also one
     * taken out of the agreement that an existing subscription still has.
     */
    public static Optional<PricePlan> pricePlan(Connection c, String tenant, String code, boolean offeredOnly)
            throws SQLException {
        return Sql.one(c, PRICE_PLAN + " WHERE tenant = ? AND code = ?" + (offeredOnly ? " AND NOT withdrawn" : ""),
                OrgRows::pricePlan, tenant, code);
    }

    public static Set<String> addonOffers(Connection c, String tenant) throws SQLException {
        return new TreeSet<>(Sql.list(c, "SELECT code FROM org_addon_offer WHERE tenant = ?", rs -> rs.getString(1),
                tenant));
    }

    public static Optional<Sim> sim(Connection c, String tenant, String iccid) throws SQLException {
        return Sql.one(c, SIM + " WHERE s.tenant = ? AND s.iccid = ?", OrgRows::sim, tenant, iccid);
    }
}
