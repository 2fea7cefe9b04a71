package no.sentral.organisation.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.DirectoryListing;
import org.junit.jupiter.api.Test;

class JsonColumnTest {

    @Test
    void aTextIsReadOnceAndItsValueShared() {
        List<Addon> first = OrgRows.ADDONS.read("[{\"code\": \"data-rollover\"}]");
        assertEquals(List.of(Addon.of("data-rollover")), first);
        assertSame(first, OrgRows.ADDONS.read("[{\"code\": \"data-rollover\"}]"));
        assertThrows(UnsupportedOperationException.class, () -> first.add(Addon.of("data-control")));
    }

    @Test
    void differentTextsGiveTheirOwnValues() {
        assertEquals(new DirectoryListing(true, List.of("name")),
                OrgRows.DIRECTORY.read("{\"listed\": true, \"fields\": [\"name\"]}"));
        assertEquals(DirectoryListing.unlisted(), OrgRows.DIRECTORY.read("{\"listed\": false, \"fields\": []}"));
    }

    @Test
    void anUnreadableColumnIsAnError() {
        assertThrows(IllegalStateException.class, () -> OrgRows.ADDONS.read("[{\"code\": "));
    }
}
