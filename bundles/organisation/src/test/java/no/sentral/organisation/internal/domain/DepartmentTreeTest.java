package no.sentral.organisation.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.failure.DomainException;
import org.junit.jupiter.api.Test;

/** LINK-01: changing the structure never makes a department its own ancestor. */
class DepartmentTreeTest {

    //  salg ─ nord ─ tromsø
    //       └ sør
    //  drift
    private final DepartmentTree tree = new DepartmentTree(List.of(dep("salg", null), dep("nord", "salg"),
            dep("tromso", "nord"), dep("sor", "salg"), dep("drift", null)));

    @Test
    void subtreesReachEveryLevel() {
        assertEquals(Set.of("salg", "nord", "tromso", "sor"), tree.subtree("salg"));
        assertEquals(Set.of("nord", "tromso", "drift"), tree.subtrees(List.of("nord", "drift", "unknown")));
        assertEquals(List.of("salg", "drift"), tree.children(null));
    }

    @Test
    void movesUnderItselfOrItsOwnChildrenAreRefused() {
        tree.checkMove("nord", "drift");
        tree.checkMove("nord", null);
        assertThrows(DomainException.class, () -> tree.checkMove("salg", "tromso"));
        assertThrows(DomainException.class, () -> tree.checkMove("nord", "nord"));
    }

    @Test
    void mergesIntoItselfOrItsOwnChildrenAreRefused() {
        tree.checkMerge("tromso", "salg");
        assertThrows(DomainException.class, () -> tree.checkMerge("salg", "nord"));
        assertThrows(DomainException.class, () -> tree.checkMerge("sor", "sor"));
    }

    @Test
    void directoryListingsShowTheNameOrNothing() {
        assertEquals(new DirectoryListing(true, List.of("name", "title")),
                DirectoryRules.validate(new DirectoryListing(true, List.of("title", "name"))));
        assertThrows(DomainException.class, () -> DirectoryRules.validate(new DirectoryListing(true, List.of("title"))));
        assertThrows(DomainException.class, () -> DirectoryRules.validate(new DirectoryListing(false, List.of("name"))));
        assertThrows(DomainException.class, () -> DirectoryRules.validate(new DirectoryListing(true,
                List.of("name", "shoe-size"))));
    }

    private static Department dep(String id, String parent) {
        return new Department(id, parent, id, null, 1);
    }
}
