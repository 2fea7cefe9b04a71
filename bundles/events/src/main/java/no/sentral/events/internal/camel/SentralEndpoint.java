package no.sentral.events.internal.camel;

import no.sentral.api.event.EventAddress;
import no.sentral.events.internal.ConsumerSettings;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code sentral:<domain>.<event>[?consumer=name&concurrentConsumers=1&maxAttempts=5&backoff=200&idempotent=true
 * &batchSize=200&batchMillis=5]}.
 * Consuming needs a consumer name: it names the durable queue that keeps events while the route is down.
 */
public class SentralEndpoint extends DefaultEndpoint {

    private final EventAddress address;
    private String consumer;
    private int concurrentConsumers = 1;
    private int maxAttempts = ConsumerSettings.DEFAULT_MAX_ATTEMPTS;
    private long backoff = ConsumerSettings.DEFAULT_BACKOFF_MILLIS;
    private boolean idempotent = true;
    private int batchSize = ConsumerSettings.DEFAULT_BATCH_SIZE;
    private long batchMillis = ConsumerSettings.DEFAULT_BATCH_MILLIS;

    SentralEndpoint(String uri, SentralComponent component, EventAddress address) {
        super(uri, component);
        this.address = address;
    }

    @Override
    public SentralComponent getComponent() {
        return (SentralComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new SentralProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (consumer == null) {
            throw new IllegalArgumentException("consuming from " + getEndpointUri()
                    + " needs ?consumer=<name> (it names the durable queue)");
        }
        ConsumerSettings settings = new ConsumerSettings(address.toString(), consumer, concurrentConsumers,
                maxAttempts, backoff, idempotent, batchSize, batchMillis);
        SentralConsumer result = new SentralConsumer(this, processor, settings);
        configureConsumer(result);
        return result;
    }

    public EventAddress address() {
        return address;
    }

    public String getConsumer() {
        return consumer;
    }

    public void setConsumer(String consumer) {
        this.consumer = consumer;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public long getBackoff() {
        return backoff;
    }

    public void setBackoff(long backoff) {
        this.backoff = backoff;
    }

    public boolean isIdempotent() {
        return idempotent;
    }

    public void setIdempotent(boolean idempotent) {
        this.idempotent = idempotent;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchMillis() {
        return batchMillis;
    }

    public void setBatchMillis(long batchMillis) {
        this.batchMillis = batchMillis;
    }
}
