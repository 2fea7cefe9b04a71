package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PublicOperationsTest {

    @Test
    void operationsWithoutSecurityArePublicAndNoOthers() throws Exception {
        PublicOperations open = PublicOperations.of(new ObjectMapper().readTree(("{'paths':{"
                + "'/health':{'get':{'security':[]},'delete':{'security':[{'basicAuth':[]}]}},"
                + "'/files/{name}':{'get':{'security':[]}},"
                + "'/tenants':{'get':{'security':[{'basicAuth':[]}]}}}}").replace('\'', '"')));
        assertTrue(open.contains("GET", "health"));
        assertTrue(open.contains("get", "/health/"));
        assertTrue(open.contains("GET", "/files/a%2Fb"));
        assertFalse(open.contains("DELETE", "/health"));
        assertFalse(open.contains("GET", "/files/a/b"));
        assertFalse(open.contains("GET", "/tenants"));
        assertFalse(open.contains("GET", "/health.json"));
    }
}
