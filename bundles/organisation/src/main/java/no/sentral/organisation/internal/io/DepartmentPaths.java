package no.sentral.organisation.internal.io;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.sentral.api.organisation.Department;

/** Departments named by their path from the top, e.g. "Salg/Nord", as imports and exports write them. */
final class DepartmentPaths {

    static final String SEPARATOR = "/";

    private final Map<String, String> idByPath = new HashMap<>();
    private final Map<String, String> pathById = new HashMap<>();

    DepartmentPaths(List<Department> departments) {
        Map<String, Department> byId = new HashMap<>();
        departments.forEach(d -> byId.put(d.id(), d));
        for (Department d : departments) {
            StringBuilder path = new StringBuilder(d.name());
            for (Department p = byId.get(d.parentId()); p != null; p = byId.get(p.parentId())) {
                path.insert(0, p.name() + SEPARATOR);
            }
            add(path.toString(), d.id());
        }
    }

    void add(String path, String id) {
        idByPath.put(key(path), id);
        pathById.put(id, path);
    }

    String id(String path) {
        return path == null ? null : idByPath.get(key(path));
    }

    String path(String id) {
        return pathById.get(id);
    }

    static String key(String path) {
        return String.join(SEPARATOR, List.of(path.split(SEPARATOR)).stream().map(String::strip)
                .map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }
}
