package no.sentral.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void durabilityIsOnAndOnlyLoopbackListens() {
        assertEquals(Map.of(
                "fsync", "on",
                "synchronous_commit", "on",
                "full_page_writes", "on",
                "listen_addresses", "localhost",
                "unix_socket_directories", ""), ServerConfig.durable());
    }
}
