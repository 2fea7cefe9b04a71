package no.sentral.datasource.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/** Sentral's own PostgreSQL server, run by zonky from binaries embedded in this bundle. */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "sentral";
    /** The superuser initdb creates; zonky's initdb uses trust authentication, so it needs no password. */
    static final String USER = "postgres";

    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (running initdb the first time) and creates the
     * {@value #DATABASE} database if missing. Blocks for as long as that takes: seconds.
     *
     * @param workDirectory where the binaries are unpacked; zonky's default is under /tmp, which may be cleaned
     * @param port          0 for any free port
     */
    static EmbeddedDatabase start(Path dataDirectory, Path workDirectory, int port)
            throws IOException, SQLException, InterruptedException {
        OrphanedPostmaster.stopIfRunning(dataDirectory, ORPHAN_STOP_TIMEOUT);
        trustUnpackedBinaries(workDirectory);
        restrictShippedCluster(dataDirectory);

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(workDirectory.toFile())
                // The component stops the database when it deactivates; a JVM hook would race with that.
                .setRegisterShutdownHook(false)
                .setPort(port);
        ServerConfig.durable().forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        try {
            createDatabaseIfMissing(postgres);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new EmbeddedDatabase(postgres);
    }

    /**
     * The distribution ships the binaries unpacked where zonky unpacks them ({@code PG-<md5 of the .txz>}, done once
     * it holds {@code .exists}), so that a first start skips unpacking them (issue 11 section 5). Unpacking the
     * distribution need keep neither modification times nor modes (Pax Exam's keeps neither): zonky trusts
     * {@code .exists} only while it is the newest entry of its directory, so it is touched, and the programs are
     * made executable again. zonky writes {@code .exists} last: it only ever marks whole binaries.
     */
    static void trustUnpackedBinaries(Path workDirectory) throws IOException {
        if (!Files.isDirectory(workDirectory)) {
            return;
        }
        try (DirectoryStream<Path> unpacked = Files.newDirectoryStream(workDirectory, "PG-*")) {
            for (Path binaries : unpacked) {
                Path done = binaries.resolve(".exists");
                if (Files.exists(done)) {
                    try (DirectoryStream<Path> programs = Files.newDirectoryStream(binaries.resolve("bin"))) {
                        for (Path program : programs) {
                            program.toFile().setExecutable(true);
                        }
                    }
                    Files.setLastModifiedTime(done, FileTime.from(Instant.now()));
                }
            }
        }
    }

    /**
     * The distribution ships an initialised cluster in the default data directory ({@code karaf-assembly/pom.xml}),
     * so that a first start runs no initdb (issue 11 section 5); zonky runs initdb only where {@code postgresql.conf}
     * is missing. PostgreSQL refuses a data directory that others may read or its group may write (0700 or 0750
     * only), and unpacking the distribution need not keep modes (Pax Exam's keeps none): a cluster directory open
     * to more is made 0700, as initdb leaves it.
     */
    static void restrictShippedCluster(Path dataDirectory) throws IOException {
        if (!Files.exists(dataDirectory.resolve("postgresql.conf"))) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDirectory);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE) || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** A new, unpooled DataSource for the {@value #DATABASE} database. */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {postgres.getPort()});
        dataSource.setDatabaseName(DATABASE);
        dataSource.setUser(USER);
        return dataSource;
    }

    /** Stops PostgreSQL ({@code pg_ctl stop -m fast}); the data directory stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
