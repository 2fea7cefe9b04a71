package no.sentral.platform.internal.testing;

import java.util.List;
import javax.sql.DataSource;
import no.sentral.platform.internal.persistence.Database;
import no.sentral.platform.internal.persistence.Migrator;

/**
 * {@link Database} outside OSGi. The real one finds its scripts with {@code Bundle.findEntries},
 * which needs a bundle; its constructor calls the overridable {@link #migrate}, so this subclass
 * takes the platform's script from the class path and runs it with the real {@link Migrator}.
 */
public final class ClasspathDatabase extends Database {

    public ClasspathDatabase(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    public int migrate(Class<?> anchor, String owner) {
        if (!"platform".equals(owner)) {
            throw new IllegalArgumentException("only the platform's scripts are on the test class path");
        }
        return new Migrator(dataSource()).migrate(owner, List.of(TestPostgres.platformCore()));
    }
}
