package no.sentral.organisation.internal.service;

import java.sql.SQLException;
import java.util.Map;
import no.sentral.api.event.EventAddress;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.SentralPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs one change for one caller: their scope, one transaction with its audit entries and events,
 * and the database's own refusals (unique numbers, links across companies) turned into clear problems.
 */
@Component(service = Changes.class)
public class Changes {

    /** Unique and foreign-key constraints, and what their violation means to the person who caused it. */
    private static final Map<String, String> CONFLICTS = Map.ofEntries(
            Map.entry("org_subscription_number", "the number is already in use by another subscription"),
            Map.entry("org_subscription_iccid_key", "the SIM is already in use by another subscription"),
            Map.entry("org_sim_pkey", "the SIM is already registered"),
            Map.entry("org_company_org_number_key", "another company has this organisation number"),
            Map.entry("org_employee_email", "another employee has this e-mail address"),
            Map.entry("org_employee_number", "another employee has this employee number"),
            Map.entry("org_employee_username", "another employee is linked to this login"),
            Map.entry("org_department_sibling_name", "a department with this name already exists at that place"),
            Map.entry("org_price_plan_pkey", "the agreement already has a price plan with this code"));

    private final Transactions transactions;
    private final Scopes scopes;

    @Activate
    public Changes(@Reference Transactions transactions, @Reference Scopes scopes) {
        this.transactions = transactions;
        this.scopes = scopes;
    }

    @FunctionalInterface
    public interface Change<T> {
        T run(Transaction tx, Scope scope) throws SQLException;
    }

    public <T> T run(SentralPrincipal caller, Change<T> change) {
        try {
            return transactions.inTransaction(caller.requireTenant(), caller.getName(),
                    tx -> change.run(tx, scopes.of(tx.connection(), caller)));
        } catch (IllegalStateException e) {
            throw translate(e);
        }
    }

    /** A {@code sentral.<domain>.<event>} address. */
    public static EventAddress event(String domain, String event) {
        return new EventAddress(domain, event);
    }

    /** Checks the version the caller changes against the current one (null: the caller does not say). */
    static void requireVersion(Integer expected, int actual, String what) {
        if (expected != null && expected != actual) {
            throw DomainException.stale(what + " has changed since you read it (version " + expected
                    + ", now " + actual + "): read it again and redo your change");
        }
    }

    private static RuntimeException translate(IllegalStateException e) {
        if (!(e.getCause() instanceof SQLException sql)) {
            return e;
        }
        String message = String.valueOf(sql.getMessage());
        if ("23505".equals(sql.getSQLState()) || "23503".equals(sql.getSQLState())) {
            for (Map.Entry<String, String> conflict : CONFLICTS.entrySet()) {
                if (message.contains("\"" + conflict.getKey() + "\"")) {
                    return DomainException.conflict(conflict.getValue());
                }
            }
            return "23505".equals(sql.getSQLState()) ? DomainException.conflict("that already exists")
                    : DomainException.conflict("it refers to something that does not exist in your company");
        }
        if ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState())) {
            return DomainException.conflict("a change made at the same moment got in the way: nothing was changed,"
                    + " try again");
        }
        if ("23514".equals(sql.getSQLState())) {
            return DomainException.malformed("a value is outside what is allowed: " + message);
        }
        return e;
    }
}
