package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.sentral.api.organisation.Device;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The equipment overview (PORTAL-05): phones and other devices seen with the company's SIMs. */
@Component(service = EquipmentService.class)
public class EquipmentService {

    static final String ENTITY = "device";
    /** Who the audit log names for changes the network reports. */
    static final String NETWORK = "network";
    private static final Logger LOG = LoggerFactory.getLogger(EquipmentService.class);

    /** A device sighting as the network reports it on {@code sentral.network.device-seen}. */
    public record Sighting(String iccid, String imei, String model) {
    }

    private final OrgDatabase database;
    private final Scopes scopes;
    private final Transactions transactions;

    @Activate
    public EquipmentService(@Reference OrgDatabase database, @Reference Scopes scopes,
                            @Reference Transactions transactions) {
        this.database = database;
        this.scopes = scopes;
        this.transactions = transactions;
    }

    /** The devices seen with the company's SIMs: all for company admins, else those of subscriptions the caller sees. */
    public List<Device> list(SentralPrincipal caller) {
        Scope scope = scopes.of(caller);
        List<Object> args = new ArrayList<>();
        args.add(scope.tenant());
        String visible = scope.isCompanyAdmin() ? ""
                : " AND d.iccid IN (SELECT iccid FROM org_subscription" + SubscriptionService.where(scope, null, args) + ")";
        return database.read(c -> Sql.list(c, OrgRows.DEVICE + " WHERE d.tenant = ?" + visible
                + " ORDER BY d.last_seen DESC LIMIT 5000", OrgRows::device, args.toArray()));
    }

    /**
     * Records that the network saw a device with one of the company's SIMs. A new IMEI adds a device,
     * a known one on another SIM moves; repeated sightings only update the time last seen, so the same
     * event handled twice changes nothing more. Sightings of unknown SIMs or invalid IMEIs are ignored.
     *
     * @return true if the overview changed (a device added or moved)
     */
    public boolean seen(String tenant, Sighting sighting, Instant at) {
        Optional<String> imei = Identifiers.imei(sighting.imei());
        Optional<String> iccid = Identifiers.iccid(sighting.iccid());
        if (imei.isEmpty() || iccid.isEmpty()) {
            LOG.warn("Ignored a device sighting for {}: invalid IMEI or ICCID", tenant);
            return false;
        }
        return transactions.inTransaction(tenant, NETWORK, tx -> {
            Connection c = tx.connection();
            if (OrgRows.sim(c, tenant, iccid.get()).isEmpty()) {
                LOG.info("Ignored a device sighting for {}: SIM {} is not the company's", tenant, iccid.get());
                return false;
            }
            Optional<Device> before = device(c, tenant, imei.get(), true);
            Timestamp time = Timestamp.from(at);
            if (before.isEmpty()) {
                Sql.update(c, "INSERT INTO org_device (tenant, imei, model, iccid, first_seen, last_seen)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", tenant, imei.get(), sighting.model(), iccid.get(), time, time);
            } else {
                Sql.update(c, "UPDATE org_device SET iccid = ?, model = coalesce(?, model),"
                        + " last_seen = greatest(last_seen, ?) WHERE tenant = ? AND imei = ?", iccid.get(),
                        sighting.model(), time, tenant, imei.get());
            }
            Device after = device(c, tenant, imei.get(), false).orElseThrow();
            if (before.isPresent() && iccid.get().equals(before.get().iccid())) {
                return false;
            }
            tx.audit(ENTITY, imei.get(), before.isEmpty() ? "added" : "moved", before.orElse(null), after);
            tx.publish(Changes.event("org", before.isEmpty() ? "device-added" : "device-moved"), imei.get(), after);
            return true;
        });
    }

    private static Optional<Device> device(Connection c, String tenant, String imei, boolean lock) throws SQLException {
        return Sql.one(c, OrgRows.DEVICE + " WHERE d.tenant = ? AND d.imei = ?" + (lock ? " FOR UPDATE OF d" : ""),
                OrgRows::device, tenant, imei);
    }
}
