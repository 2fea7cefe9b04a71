package no.sentral.switchboard.internal.host;

import java.util.Arrays;

/**
 * The last samples of a latency, for percentiles on demand (health, benchmarks). A ring of fixed size:
 * old samples fall out, memory stays constant.
 */
final class Latencies {

    private final long[] nanos;
    private int next;
    private long count;

    Latencies(int size) {
        this.nanos = new long[size];
    }

    synchronized void record(long sampleNanos) {
        nanos[next] = sampleNanos;
        next = (next + 1) % nanos.length;
        count++;
    }

    /** The percentile (0-100) of the samples kept, in milliseconds; null before the first sample. */
    synchronized Double percentileMillis(double percentile) {
        int n = (int) Math.min(count, nanos.length);
        if (n == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        int index = Math.min(n - 1, (int) Math.ceil(percentile / 100 * n) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    synchronized long count() {
        return count;
    }
}
