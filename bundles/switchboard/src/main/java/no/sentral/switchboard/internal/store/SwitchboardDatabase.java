package no.sentral.switchboard.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import no.sentral.api.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The switchboard's tables ({@code sb_*}), migrated before anything of this bundle touches them. */
@Component(service = SwitchboardDatabase.class)
public class SwitchboardDatabase {

    public static final String OWNER = "switchboard";

    private final DataSource dataSource;

    @Activate
    public SwitchboardDatabase(@Reference(target = "(dataSourceName=sentral)") DataSource dataSource,
                               @Reference SchemaMigrations migrations) {
        this(dataSource);
        migrations.migrate(SwitchboardDatabase.class, OWNER);
    }

    /** For tests that migrate the database themselves. */
    public SwitchboardDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs work on a pooled connection in auto-commit, turning SQL errors into unchecked ones. */
    public <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("switchboard database: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
