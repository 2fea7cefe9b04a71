package no.sentral.org.internal.service;

import java.util.List;
import no.sentral.api.problem.ProblemException;

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
}
