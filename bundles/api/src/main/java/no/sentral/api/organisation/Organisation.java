package no.sentral.api.organisation;

import java.util.List;
import java.util.Optional;

/** Read access to one company's organisation for other bundles (switchboard, usage, payroll). */
public interface Organisation {

    List<Department> departments(String tenant);

    Optional<Employee> employee(String tenant, String id);

    /** Everyone in the company, by name. */
    List<Employee> employees(String tenant);

    /** The company's active and pending subscriptions, by number. */
    List<Subscription> subscriptions(String tenant);

    /**
     * The company's active and pending subscriptions that have the add-on {@code code} (e.g. barring), by
     * number: what a reader that cares about one add-on needs, without the whole company in memory.
     */
    default List<Subscription> subscriptionsWith(String tenant, String code) {
        return subscriptions(tenant).stream().filter(s -> s.addons().stream().anyMatch(a -> code.equals(a.code())))
                .toList();
    }

    /** The active or pending subscription with this E.164 number in the company. */
    Optional<Subscription> subscriptionByNumber(String tenant, String number);
}
