package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.organisation.Contact;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Patterns;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import no.sentral.organisation.internal.domain.Fields;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** External contacts: company-wide, read by everyone in the company, kept by the admins. */
@Component(service = ContactService.class)
public class ContactService {

    static final String ENTITY = "contact";

    public record ContactInput(@Required @Size(min = 1, max = Fields.MAX_NAME) String name, String organisation,
                               @Pattern(value = Patterns.PHONE, message = Patterns.PHONE_RULE) String phone,
                               @Format(Format.Kind.EMAIL) String email, String note) {
    }

    private final OrgDatabase database;
    private final Scopes scopes;
    private final Changes changes;

    @Activate
    public ContactService(@Reference OrgDatabase database, @Reference Scopes scopes, @Reference Changes changes) {
        this.database = database;
        this.scopes = scopes;
        this.changes = changes;
    }

    public List<Contact> list(SentralPrincipal caller, String search) {
        Scope scope = scopes.of(caller);
        String like = "%" + (search == null ? "" : search.strip().replace("%", "\\%").replace("_", "\\_")) + "%";
        return database.read(c -> Sql.list(c, OrgRows.CONTACT + " WHERE tenant = ? AND (name ILIKE ?"
                + " OR organisation ILIKE ? OR phone LIKE ?) ORDER BY lower(name) LIMIT 1000", OrgRows::contact,
                scope.tenant(), like, like, like));
    }

    public Contact get(SentralPrincipal caller, String id) {
        Scope scope = scopes.of(caller);
        return database.read(c -> find(c, scope, id));
    }

    public Contact create(SentralPrincipal caller, ContactInput input) {
        return changes.run(caller, (tx, scope) -> create(tx, scope, input));
    }

    public Contact create(Transaction tx, Scope scope, ContactInput input) throws SQLException {
        ContactInput valid = validate(input);
        scope.requireAdmin("keep contacts");
        UUID id = UUID.randomUUID();
        Sql.update(tx.connection(), "INSERT INTO org_contact (id, tenant, name, organisation, phone, email, note)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, scope.tenant(), valid.name(), valid.organisation(),
                valid.phone(), valid.email(), valid.note());
        Contact created = find(tx.connection(), scope, id.toString());
        tx.audit(ENTITY, created.id(), "created", null, created);
        return created;
    }

    public Contact update(SentralPrincipal caller, String id, Integer version, ContactInput input) {
        ContactInput valid = validate(input);
        return changes.run(caller, (tx, scope) -> {
            Contact before = find(tx.connection(), scope, id);
            scope.requireAdmin("keep contacts");
            Changes.requireVersion(version, before.version(), "contact " + id);
            Sql.update(tx.connection(), "UPDATE org_contact SET name = ?, organisation = ?, phone = ?, email = ?,"
                    + " note = ?, version = version + 1 WHERE tenant = ? AND id = ?", valid.name(), valid.organisation(),
                    valid.phone(), valid.email(), valid.note(), scope.tenant(), UUID.fromString(id));
            Contact after = find(tx.connection(), scope, id);
            tx.audit(ENTITY, id, "changed", before, after);
            return after;
        });
    }

    public void delete(SentralPrincipal caller, String id, Integer version) {
        changes.run(caller, (tx, scope) -> {
            Contact before = find(tx.connection(), scope, id);
            scope.requireAdmin("keep contacts");
            Changes.requireVersion(version, before.version(), "contact " + id);
            Sql.update(tx.connection(), "DELETE FROM org_contact WHERE tenant = ? AND id = ?", scope.tenant(),
                    UUID.fromString(id));
            tx.audit(ENTITY, id, "deleted", before, null);
            return null;
        });
    }

    private static Contact find(Connection c, Scope scope, String id) throws SQLException {
        String what = "contact " + id;
        return Sql.one(c, OrgRows.CONTACT + " WHERE tenant = ? AND id = ?" + OrgRows.lockInTransaction(c),
                OrgRows::contact, scope.tenant(),
                Scope.parse(id, what)).orElseThrow(() -> DomainException.notFound(what));
    }

    private static ContactInput validate(ContactInput input) {
        if (input == null) {
            throw DomainException.malformed("a JSON body describing the contact is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = Fields.name("name", input.name(), errors);
        String phone = Fields.phone("phone", input.phone(), errors);
        String email = Fields.email("email", input.email(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new ContactInput(name, Fields.text(input.organisation()), phone, email, Fields.text(input.note()));
    }
}
