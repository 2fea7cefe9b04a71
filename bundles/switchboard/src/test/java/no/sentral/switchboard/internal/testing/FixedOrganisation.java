package no.sentral.switchboard.internal.testing;

import java.util.List;
import java.util.Optional;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.api.organisation.Subscription;

/**
 * The organisation the switchboard's tests read: these employees and subscriptions, in every company, no
 * departments. {@code onRead} runs before each full read of employees or subscriptions, for a test that
 * wants reads to cost something. The lists are read live, so a test may change them.
 */
public record FixedOrganisation(List<Employee> employees, List<Subscription> subscriptions, Runnable onRead)
        implements Organisation {

    public FixedOrganisation(List<Employee> employees, List<Subscription> subscriptions) {
        this(employees, subscriptions, () -> { });
    }

    @Override
    public List<Department> departments(String tenant) {
        return List.of();
    }

    @Override
    public Optional<Employee> employee(String tenant, String id) {
        return employees.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    @Override
    public List<Employee> employees(String tenant) {
        onRead.run();
        return employees;
    }

    @Override
    public List<Subscription> subscriptions(String tenant) {
        onRead.run();
        return subscriptions;
    }

    @Override
    public Optional<Subscription> subscriptionByNumber(String tenant, String number) {
        return subscriptions.stream().filter(s -> s.number().equals(number)).findFirst();
    }
}
