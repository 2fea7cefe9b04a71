package no.sentral.api.persistence;

/**
 * Versioned SQL migrations owned by each bundle, run on the embedded and the external PostgreSQL
 * alike. A bundle keeps its scripts as {@code db/migration/<owner>/V<n>__<description>.sql} and
 * calls {@link #migrate} when its component activates, before it touches its tables.
 */
public interface SchemaMigrations {

    /**
     * Applies the owner's pending scripts in version order, each in its own transaction, under a
     * lock so that several nodes migrating at once do not collide. Scripts already applied are
     * verified by checksum: an edited script fails instead of silently diverging.
     *
     * @param anchor any class of the bundle that holds the scripts
     * @return the number of scripts applied now
     */
    int migrate(Class<?> anchor, String owner);
}
