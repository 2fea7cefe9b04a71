package no.sentral.organisation.internal.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.api.organisation.Subscription;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link Organisation} other bundles read; they pass the tenant of the event or call they serve. */
@Component(service = Organisation.class)
public class OrganisationService implements Organisation {

    private final OrgDatabase database;

    @Activate
    public OrganisationService(@Reference OrgDatabase database) {
        this.database = database;
    }

    @Override
    public List<Department> departments(String tenant) {
        return database.read(c -> OrgRows.departments(c, tenant));
    }

    @Override
    public Optional<Employee> employee(String tenant, String id) {
        return Sql.uuid(id).flatMap(uuid -> database.read(c -> OrgRows.employee(c, tenant, uuid, false)));
    }

    /** Read through a cursor: a large company's list is all the memory it takes, not twice that. */
    @Override
    public List<Employee> employees(String tenant) {
        List<Employee> employees = new ArrayList<>();
        database.read(c -> Sql.snapshot(c, snapshot -> {
            Sql.each(snapshot, OrgRows.EMPLOYEE + " WHERE tenant = ? ORDER BY name, id",
                    rs -> employees.add(OrgRows.employee(rs)), tenant);
            return null;
        }));
        return employees;
    }

    @Override
    public List<Subscription> subscriptions(String tenant) {
        return database.read(c -> Sql.list(c, OrgRows.SUBSCRIPTION + " WHERE tenant = ? AND status <> 'TERMINATED'"
                + " ORDER BY number", OrgRows::subscription, tenant));
    }

    @Override
    public List<Subscription> subscriptionsWith(String tenant, String code) {
        return database.read(c -> Sql.list(c, OrgRows.SUBSCRIPTION + " WHERE tenant = ? AND status <> 'TERMINATED'"
                + " AND addons @> jsonb_build_array(jsonb_build_object('code', ?::text)) ORDER BY number",
                OrgRows::subscription, tenant, code));
    }

    @Override
    public Optional<Subscription> subscriptionByNumber(String tenant, String number) {
        return database.read(c -> Sql.one(c, OrgRows.SUBSCRIPTION + " WHERE tenant = ? AND number = ?"
                + " AND status <> 'TERMINATED'", OrgRows::subscription, tenant, number));
    }
}
