package no.sentral.org.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import no.sentral.api.problem.ProblemException;
import no.sentral.org.internal.store.Sql;

/** One page of a list: its items, where it starts, and how many there are in all. */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public static final int MAX_LIMIT = 500;

    /** Checks a requested window: offset from 0, limit 1-500. */
    public static void check(int offset, int limit) {
        if (offset < 0) {
            throw ProblemException.invalid("offset", "0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "1 to " + MAX_LIMIT);
        }
    }

    /**
     * Reads one page: the count of {@code table} rows matching {@code where}, and the rows of
     * {@code select} (a SELECT ... FROM that table) in {@code order} within the window.
     */
    static <T> Page<T> read(Connection c, String table, String select, String where, String order, List<Object> args,
                            Sql.Row<T> row, int offset, int limit) throws SQLException {
        long total = Sql.one(c, "SELECT count(*) FROM " + table + where, rs -> rs.getLong(1), args.toArray())
                .orElse(0L);
        List<Object> paged = new ArrayList<>(args);
        paged.add(limit);
        paged.add(offset);
        return new Page<>(Sql.list(c, select + where + " ORDER BY " + order + " LIMIT ? OFFSET ?", row,
                paged.toArray()), offset, limit, total);
    }
}
