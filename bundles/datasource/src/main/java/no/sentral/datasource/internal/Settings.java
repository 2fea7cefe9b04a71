package no.sentral.datasource.internal;

import java.nio.file.Path;

import org.postgresql.Driver;

/**
 * Validated configuration of the datasource component. Built from {@link DataSourceConfig}; rejects what
 * would only fail later, in a background thread, with a less helpful message.
 *
 * @param dataDirectory embedded mode: PostgreSQL data directory
 * @param workDirectory embedded mode: where the PostgreSQL binaries are unpacked
 * @param port          embedded mode: port on localhost, 0 for any free port
 * @param url           external mode: JDBC URL
 */
record Settings(Mode mode, Path dataDirectory, Path workDirectory, int port,
                String url, String user, String password, int poolSize) {

    static final String URL_PREFIX = "jdbc:postgresql:";

    /**
     * @param karafData value of the {@code karaf.data} system property; blank outside Karaf
     */
    static Settings from(DataSourceConfig config, String karafData) {
        Mode mode = Mode.parse(config.mode());
        Path data = Path.of(isBlank(karafData) ? "./data" : karafData).toAbsolutePath().normalize();
        Path dataDirectory = isBlank(config.dataDirectory())
                ? data.resolve("postgresql/data")
                : Path.of(config.dataDirectory().trim()).toAbsolutePath().normalize();
        String url = trimmed(config.url());
        if (config.port() < 0 || config.port() > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + config.port());
        }
        if (config.poolSize() < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + config.poolSize());
        }
        // Checked here because a bad URL would otherwise be retried forever like an unreachable server.
        if (mode == Mode.EXTERNAL && (!url.startsWith(URL_PREFIX) || Driver.parseURL(url, null) == null)) {
            throw new IllegalArgumentException("external mode needs a url like " + URL_PREFIX
                    + "//host:5432/database, was '" + withoutQuery(url) + "'");
        }
        return new Settings(mode, dataDirectory, data.resolve("postgresql/work"), config.port(),
                url, trimmed(config.user()), config.password() == null ? "" : config.password(), config.poolSize());
    }

    /** For log lines and health details: names what is used, never a password (a URL may carry one). */
    String describe() {
        return mode == Mode.EMBEDDED
                ? "mode=embedded, data directory=" + dataDirectory
                : "mode=external, url=" + withoutQuery(url) + (user.isEmpty() ? "" : ", user=" + user);
    }

    @Override
    public String toString() {
        return "Settings[" + describe() + ", poolSize=" + poolSize + "]";
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
