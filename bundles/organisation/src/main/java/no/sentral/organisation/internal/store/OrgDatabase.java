package no.sentral.organisation.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import no.sentral.api.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The organisation's tables, migrated before any service of this bundle touches them. */
@Component(service = OrgDatabase.class)
public class OrgDatabase {

    public static final String OWNER = "org";

    private final DataSource dataSource;

    @Activate
    public OrgDatabase(@Reference(target = "(dataSourceName=sentral)") DataSource dataSource,
                       @Reference SchemaMigrations migrations) {
        this.dataSource = dataSource;
        migrations.migrate(OrgDatabase.class, OWNER);
    }

    /** Runs a read on a pooled connection, turning SQL errors into unchecked ones. */
    public <T> T read(Read<T> read) {
        try (Connection c = dataSource.getConnection()) {
            return read.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database read failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    public interface Read<T> {
        T run(Connection c) throws SQLException;
    }
}
