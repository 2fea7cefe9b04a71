package no.sentral.organisation.internal.io;

import java.util.List;

/**
 * The outcome of an import: applied (all rows) or not (none), and every row's errors with the line
 * and column they were found in. A dry run checks and reports without keeping anything.
 */
public record ImportReport(String kind, boolean dryRun, boolean applied, int rows, int created,
                           List<RowError> errors) {

    /** One problem in one row; line 1 is the header. {@code column} is null for a problem of the whole row. */
    public record RowError(long line, String column, String message) {
    }
}
