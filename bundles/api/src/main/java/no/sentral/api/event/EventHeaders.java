package no.sentral.api.event;

/**
 * Camel message headers of the {@code sentral:} component. A consumer sets them from the event;
 * a producer reads {@link #TENANT} and {@link #SUBJECT}, and derives the new event's id from
 * {@link #EVENT_ID} so that a route re-run after a crash publishes the same event again (which
 * the broker then drops as a duplicate) rather than a second one.
 */
public final class EventHeaders {

    public static final String EVENT_ID = "SentralEventId";
    public static final String TENANT = "SentralTenant";
    public static final String TYPE = "SentralEventType";
    public static final String TIME = "SentralEventTime";
    public static final String SOURCE = "SentralEventSource";
    public static final String SUBJECT = "SentralSubject";
    /**
     * Exchange property (not a header) of a route fed by an idempotent {@code sentral:} consumer: the
     * {@code java.sql.Connection} of the batch's database transaction. Work done on it commits with the
     * batch and the record that the event was consumed, exactly once. Do not commit, roll back or close it.
     */
    public static final String CONNECTION = "SentralConnection";

    private EventHeaders() {
    }
}
