package no.sentral.datasource.internal;

import java.util.Map;

/** PostgreSQL server settings for the embedded database. */
final class ServerConfig {

    private ServerConfig() {
    }

    /**
     * zonky is made for throwaway test databases: it starts postgres with {@code -F} (fsync off) and
     * {@code synchronous_commit=off}. Sentral keeps real data in it, so durability is switched back on.
     * zonky's initdb configures {@code trust} authentication, so the server only listens on the loopback
     * interface, and not at all on a Unix socket: that one would be in /tmp, open to every local user.
     */
    static Map<String, String> durable() {
        return Map.of(
                "fsync", "on",
                "synchronous_commit", "on",
                "full_page_writes", "on",
                "listen_addresses", "localhost",
                "unix_socket_directories", "");
    }
}
