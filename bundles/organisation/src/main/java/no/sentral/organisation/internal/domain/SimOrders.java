package no.sentral.organisation.internal.domain;

import java.util.Map;
import java.util.Set;
import no.sentral.api.organisation.SimOrderStatus;
import no.sentral.api.failure.DomainException;

/** The life of a SIM order: ordered → sent → activated, or cancelled before it is activated. */
public final class SimOrders {

    private static final Map<SimOrderStatus, Set<SimOrderStatus>> NEXT = Map.of(
            SimOrderStatus.ORDERED, Set.of(SimOrderStatus.SENT, SimOrderStatus.CANCELLED),
            SimOrderStatus.SENT, Set.of(SimOrderStatus.ACTIVATED, SimOrderStatus.CANCELLED),
            SimOrderStatus.ACTIVATED, Set.of(),
            SimOrderStatus.CANCELLED, Set.of());

    private SimOrders() {
    }

    public static void checkTransition(SimOrderStatus from, SimOrderStatus to) {
        if (!NEXT.get(from).contains(to)) {
            throw DomainException.conflict("a SIM order that is " + from.name().toLowerCase() + " cannot become "
                    + to.name().toLowerCase() + (NEXT.get(from).isEmpty() ? ": it is finished"
                    : "; next it can be " + NEXT.get(from).stream().map(s -> s.name().toLowerCase()).sorted().toList()));
        }
    }
}
