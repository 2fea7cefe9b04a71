package no.sentral.events.internal;

import no.sentral.api.event.EventAddress;

/**
 * How one durable consumer of an event address behaves.
 *
 * @param consumer     the consumer's name; with the address it names the durable queue
 * @param concurrency  parallel sessions; events of one tenant still arrive in order (message groups)
 * @param maxAttempts  deliveries before the event goes to the DLQ with its failure reason
 * @param backoffMillis pause before a redelivery, times the attempt number; the group waits, keeping order
 * @param idempotent   skip events this consumer already handled (by event id)
 * @param batchSize    events taken in one transaction at most
 * @param batchMillis  how long a batch waits for more events after its first, at most
 */
public record ConsumerSettings(String address, String consumer, int concurrency, int maxAttempts,
                               long backoffMillis, boolean idempotent, int batchSize, long batchMillis) {

    /** The broker's own limit (address-settings in etc/artemis.xml): a safety net behind ours. */
    public static final int BROKER_MAX_DELIVERY_ATTEMPTS = 20;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final long DEFAULT_BACKOFF_MILLIS = 200;
    public static final int DEFAULT_BATCH_SIZE = 200;
    public static final long DEFAULT_BATCH_MILLIS = 5;

    public ConsumerSettings {
        address = EventAddress.parse(address).toString();
        if (consumer == null || !consumer.matches("[a-zA-Z0-9][a-zA-Z0-9._-]*")) {
            throw new IllegalArgumentException("consumer name must be letters, digits, '.', '_' or '-': " + consumer);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency must be 1..64: " + concurrency);
        }
        if (maxAttempts < 1 || maxAttempts >= BROKER_MAX_DELIVERY_ATTEMPTS) {
            throw new IllegalArgumentException(
                    "maxAttempts must be 1.." + (BROKER_MAX_DELIVERY_ATTEMPTS - 1) + ": " + maxAttempts);
        }
        if (backoffMillis < 0 || backoffMillis > 60_000) {
            throw new IllegalArgumentException("backoffMillis must be 0..60000: " + backoffMillis);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be 1..10000: " + batchSize);
        }
        if (batchMillis < 0 || batchMillis > 10_000) {
            throw new IllegalArgumentException("batchMillis must be 0..10000: " + batchMillis);
        }
    }

    /** With the default batches. */
    public ConsumerSettings(String address, String consumer, int concurrency, int maxAttempts, long backoffMillis,
                            boolean idempotent) {
        this(address, consumer, concurrency, maxAttempts, backoffMillis, idempotent, DEFAULT_BATCH_SIZE,
                DEFAULT_BATCH_MILLIS);
    }
}
