package no.sentral.persistence.internal.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.sentral.persistence.internal.Migration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (zonky's embedded binaries) for one test class, started before its first test
 * and stopped after its last: {@code @RegisterExtension static final TestPostgres postgres = new TestPostgres();}.
 * Each test takes a fresh database from it.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    /** A new, empty database on the server. */
    public DataSource freshDatabase() throws SQLException {
        String name = "test_" + DATABASES.incrementAndGet();
        execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + name);
        return postgres.getDatabase("postgres", name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        postgres.close();
    }

    /** The platform's own migration scripts, as shipped in the bundle. */
    public static List<Migration> platformScripts() {
        return ClasspathDatabase.scripts(Migration.class, "platform");
    }

    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of every row, as text. */
    public static List<String> column(DataSource dataSource, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    public static boolean tableExists(DataSource dataSource, String table) throws SQLException {
        return !column(dataSource, "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '"
                + table + "'").isEmpty();
    }
}
