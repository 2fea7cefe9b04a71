package no.sentral.organisation.internal.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.sentral.api.organisation.Department;
import no.sentral.api.failure.DomainException;

/** A company's department tree, for the rules of moving and merging and for access by subtree. */
public final class DepartmentTree {

    private final Map<String, String> parentOf = new HashMap<>();
    private final Map<String, List<String>> childrenOf = new HashMap<>();

    public DepartmentTree(Collection<Department> departments) {
        for (Department d : departments) {
            parentOf.put(d.id(), d.parentId());
            childrenOf.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d.id());
        }
    }

    public boolean contains(String id) {
        return parentOf.containsKey(id);
    }

    /** The department and everything below it. */
    public Set<String> subtree(String id) {
        Set<String> found = new LinkedHashSet<>();
        if (!contains(id)) {
            return found;
        }
        Deque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (found.add(next)) {
                todo.addAll(childrenOf.getOrDefault(next, List.of()));
            }
        }
        return found;
    }

    /** The union of the subtrees of {@code roots}; unknown ids are ignored. */
    public Set<String> subtrees(Collection<String> roots) {
        Set<String> found = new LinkedHashSet<>();
        for (String root : roots) {
            found.addAll(subtree(root));
        }
        return found;
    }

    /** Refuses a move that would make a department its own ancestor. {@code newParent} null means top level. */
    public void checkMove(String id, String newParent) {
        if (newParent != null && subtree(id).contains(newParent)) {
            throw DomainException.invalid("parentId", "a department cannot move under itself or one of its"
                    + " own sub-departments");
        }
    }

    /** Refuses merging a department into itself or into one of its own sub-departments. */
    public void checkMerge(String source, String target) {
        if (subtree(source).contains(target)) {
            throw DomainException.invalid("into", "a department cannot be merged into itself or one of its"
                    + " own sub-departments");
        }
    }

    public List<String> children(String id) {
        return List.copyOf(childrenOf.getOrDefault(id, List.of()));
    }
}
