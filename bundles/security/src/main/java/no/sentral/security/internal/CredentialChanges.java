package no.sentral.security.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.CredentialsListener;
import no.sentral.api.spi.jdbc.Transaction;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every {@link CredentialsListener} of a changed login or revoked token (issue 11 §2): this node's at once,
 * the other nodes' through the event {@value CredentialsChanged#EVENT}, which {@link CredentialRoutes} brings
 * back to their listeners (and to this node's again, after the change committed).
 */
@Component(service = CredentialChanges.class)
public class CredentialChanges {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialChanges.class);

    private final List<CredentialsListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventPublisher publisher;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(CredentialsListener listener) {
        listeners.add(listener);
    }

    void removeListener(CredentialsListener listener) {
        listeners.remove(listener);
    }

    /** A change already committed: forgotten here now, and announced to the other nodes. */
    public void committed(CredentialsChanged change) {
        heard(change);
        publish(publisher, change);
    }

    /** Announces a committed change to the other nodes through {@code events} (null: no backbone now). */
    static void publish(EventPublisher events, CredentialsChanged change) {
        if (events == null) {
            LOG.warn("no event backbone: other nodes forget {} of {} only when their cache expires", change.subject(),
                    change.tenant());
            return;
        }
        events.publish(CredentialsChanged.ADDRESS, change.tenant(), change.subject(), change);
    }

    /**
     * A change inside {@code tx}: forgotten here now, and announced (to this node too) once it commits, so that
     * a login verified meanwhile against the old row is forgotten as well.
     */
    public void within(Transaction tx, CredentialsChanged change) {
        heard(change);
        tx.publish(CredentialsChanged.ADDRESS, change.subject(), change);
    }

    /** Tells this node's listeners. */
    public void heard(CredentialsChanged change) {
        for (CredentialsListener listener : listeners) {
            listener.changed(change);
        }
    }
}
