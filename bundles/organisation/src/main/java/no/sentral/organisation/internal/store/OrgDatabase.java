package no.sentral.organisation.internal.store;

import no.sentral.api.spi.jdbc.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The organisation's tables ({@code org_*}), migrated before any service of this bundle touches them. */
@Component(service = OrgDatabase.class)
public class OrgDatabase {

    public static final String OWNER = "org";

    private final Database database;

    @Activate
    public OrgDatabase(@Reference Database database) {
        this.database = database;
        database.migrate(OrgDatabase.class, OWNER);
    }

    /** Runs a read on a pooled connection, turning SQL errors into unchecked ones. */
    public <T> T read(Database.Work<T> read) {
        return database.run(read);
    }
}
