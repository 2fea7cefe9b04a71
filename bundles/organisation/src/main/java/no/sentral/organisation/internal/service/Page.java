package no.sentral.organisation.internal.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.sentral.api.failure.DomainException;
import no.sentral.api.spi.jdbc.Sql;

/**
 * One page of a list: its items, and either where it starts ({@code offset}) with how many there
 * are in all, or the cursor of the next page ({@code next}, keyset paging: as fast on page 700 as on
 * page 1). {@code total} is only counted when asked for, or for offset paging.
 */
public record Page<T>(List<T> items, Integer offset, int limit, Long total, String next) {

    public static final int MAX_LIMIT = 500;
    private static final char SEPARATOR = '\u001f';

    /**
     * What a caller asks for: a page by {@code offset}, or the page after the cursor {@code after};
     * {@code count} asks for the total as well.
     */
    public record Window(int offset, int limit, String after, boolean count) {

        public Window {
            if (offset < 0) {
                throw DomainException.invalid("offset", "0 or more");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw DomainException.invalid("limit", "1 to " + MAX_LIMIT);
            }
            if (after != null && offset > 0) {
                throw DomainException.invalid("after", "page by offset or by cursor, not both");
            }
        }

        public static Window of(int offset, int limit) {
            return new Window(offset, limit, null, true);
        }
    }

    /** A sort key: the column (or expression) and how its value comes back into SQL (e.g. with a cast). */
    record Key(String column, String parameter) {
    }

    /**
     * Reads one page of {@code select} (a SELECT ... FROM {@code table}) matching {@code where}, in the
     * order of {@code keys} (which must end in a unique column), and counts the matches when asked.
     */
    static <T> Page<T> read(Connection c, String table, String select, String where, List<Key> keys,
                            Function<T, List<String>> keyOf, List<Object> args, Sql.Row<T> row, Window window)
            throws SQLException {
        Long total = window.count() ? Sql.one(c, "SELECT count(*) FROM " + table + where, rs -> rs.getLong(1),
                args.toArray()).orElse(0L) : null;
        List<Object> paged = new ArrayList<>(args);
        StringBuilder sql = new StringBuilder(select).append(where);
        if (window.after() != null) {
            List<String> values = decode(window.after(), keys);
            sql.append(" AND (").append(keys.stream().map(Key::column).collect(Collectors.joining(", ")))
                    .append(") > (").append(keys.stream().map(Key::parameter).collect(Collectors.joining(", ")))
                    .append(')');
            paged.addAll(values);
        }
        // The limit is written into the SQL, and a zero offset left out: with parameters there, PostgreSQL cannot
        // cost a generic plan of the prepared statement and plans every execution again (0.2 ms of its CPU for the
        // subscriptions' keyset page, as much as running it). The limit is a checked int, so this is no injection.
        sql.append(" ORDER BY ").append(keys.stream().map(Key::column).collect(Collectors.joining(", ")))
                .append(" LIMIT ").append(window.limit() + 1);
        if (window.offset() > 0) {
            sql.append(" OFFSET ?");
            paged.add(window.offset());
        }
        List<T> items = Sql.list(c, sql.toString(), row, paged.toArray());
        String next = null;
        if (items.size() > window.limit()) {
            items = items.subList(0, window.limit());
            next = encode(keyOf.apply(items.get(items.size() - 1)));
        }
        return new Page<>(List.copyOf(items), window.after() == null ? window.offset() : null, window.limit(), total,
                next);
    }

    private static String encode(List<String> values) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.join(String.valueOf(SEPARATOR), values)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key values a cursor holds, each fit for its key (UUID keys hold UUIDs). */
    private static List<String> decode(String cursor, List<Key> keys) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = List.of(text.split(String.valueOf(SEPARATOR), -1));
            boolean fit = values.size() == keys.size();
            for (int i = 0; fit && i < keys.size(); i++) {
                fit = !keys.get(i).parameter().endsWith("::uuid") || Sql.uuid(values.get(i)).isPresent();
            }
            if (fit) {
                return values;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw DomainException.invalid("after", "not a cursor of this list: use the 'next' of the page before");
    }
}
