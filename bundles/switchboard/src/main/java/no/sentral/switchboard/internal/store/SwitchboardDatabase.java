package no.sentral.switchboard.internal.store;

import no.sentral.api.spi.jdbc.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The switchboard's tables ({@code sb_*}), migrated before anything of this bundle touches them. */
@Component(service = SwitchboardDatabase.class)
public class SwitchboardDatabase {

    public static final String OWNER = "switchboard";

    private final Database database;

    @Activate
    public SwitchboardDatabase(@Reference Database database) {
        this.database = database;
        database.migrate(SwitchboardDatabase.class, OWNER);
    }

    /** Runs work on a pooled connection in auto-commit, turning SQL errors into unchecked ones. */
    public <T> T run(Database.Work<T> work) {
        return database.run(work);
    }
}
