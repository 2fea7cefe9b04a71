package no.sentral.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import javax.sql.DataSource;
import no.sentral.api.spi.jdbc.Database;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link Database} service: the {@code DataSource} service with the platform's schema migrated.
 * Bundles depend on this instead of the raw DataSource, so they never see a missing platform table.
 */
@Component(service = Database.class)
public class PostgresDatabase implements Database {

    private final DataSource dataSource;
    private final Migrator migrator;

    @Activate
    public PostgresDatabase(@Reference(target = "(dataSourceName=sentral)") DataSource dataSource) {
        this.dataSource = dataSource;
        this.migrator = new Migrator(dataSource);
        migrate(PostgresDatabase.class, "platform");
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public int migrate(Class<?> anchor, String owner) {
        Bundle bundle = FrameworkUtil.getBundle(anchor);
        if (bundle == null) {
            throw new IllegalArgumentException(anchor.getName() + " is not loaded from a bundle");
        }
        return migrator.migrate(owner, scripts(bundle, owner));
    }

    private static List<Migration> scripts(Bundle bundle, String owner) {
        List<Migration> found = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries("db/migration/" + owner, "V*.sql", false);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            try (InputStream in = url.openStream()) {
                found.add(Migration.fromFile(path.substring(path.lastIndexOf('/') + 1),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + url, e);
            }
        }
        return found;
    }
}
