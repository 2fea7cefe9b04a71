package no.sentral.organisation.internal.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SimStatus;
import no.sentral.api.organisation.SubscriptionKind;

/**
 * The rules of activating a subscription (LINK-01..05), the same for one activation through the API
 * and for every row of an import: the number fits the kind, the plan is in the agreement and of that
 * kind, a mobile subscription has an unused SIM from the company's stock (or, through the API, an
 * address to send one to), the add-ons and the directory listing make sense. Each broken rule has one
 * message, whichever way the activation came. Who holds the subscription is checked by the caller:
 * the API names departments and employees by id, a file by path and employee number.
 */
public final class ActivationRules {

    private ActivationRules() {
    }

    /** What is asked for; texts as the caller gave them. {@code shipTo} says whether an address came with it. */
    public record Request(SubscriptionKind kind, String number, String pricePlan, String iccid, boolean shipTo,
                          List<Addon> addons, DirectoryListing directory) {
    }

    /** What the rules need to know of the company, from the database. */
    public interface Facts {
        /** The plan with this code in the company's agreement, or null. */
        PricePlan plan(String code);

        Set<String> offeredAddons();

        /** The status of the company's SIM with this ICCID, or null when the company has no such SIM. */
        SimStatus sim(String iccid);
    }

    /** One broken rule; a conflict is a rule broken by the current state (a SIM in use), not by the input. */
    public record Refusal(String field, String message, boolean conflict) {
        public FieldError error() {
            return new FieldError(field, message);
        }
    }

    /** The activation as normalised (what could be read of it), and every rule it breaks. */
    public record Outcome(String number, SubscriptionKind kind, PricePlan plan, String iccid, List<Addon> addons,
                          DirectoryListing directory, List<Refusal> refusals) {
    }

    /** Refusals as a domain failure: invalid input first; a conflict only when the input is fine. */
    public static DomainException failure(List<Refusal> refusals) {
        List<FieldError> invalid = refusals.stream().filter(r -> !r.conflict()).map(Refusal::error).toList();
        if (!invalid.isEmpty()) {
            return DomainException.invalid(invalid);
        }
        return new DomainException(DomainException.Kind.CONFLICT, "conflict", "Conflict", refusals.get(0).message(),
                refusals.stream().map(Refusal::error).toList());
    }

    public static Outcome check(Request r, Facts facts) {
        List<Refusal> refusals = new ArrayList<>();
        SubscriptionKind kind = r.kind() == null ? SubscriptionKind.MOBILE : r.kind();
        String number = PhoneNumbers.e164For(kind, r.number()).orElse(null);
        if (number == null) {
            refusals.add(new Refusal("number", "not a valid " + name(kind) + " number: " + r.number(), false));
        }
        PricePlan plan = r.pricePlan() == null ? null : facts.plan(r.pricePlan());
        if (plan == null) {
            refusals.add(new Refusal("pricePlan", "not a price plan in the company's agreement: " + r.pricePlan(),
                    false));
        } else if (plan.kind() != kind) {
            refusals.add(new Refusal("pricePlan", plan.code() + " is a " + name(plan.kind()) + " plan, not a "
                    + name(kind) + " one", false));
        }
        String iccid = sim(r, kind, facts, refusals);
        List<Addon> addons = r.addons() == null ? List.of() : r.addons();
        if (plan != null) {
            try {
                addons = AddonRules.validate(plan, addons, facts.offeredAddons());
                for (Addon addon : addons) {
                    if (addon.iccid() != null) {
                        add(refusals, stock("addons.twin-sim.iccid", addon.iccid(), facts.sim(addon.iccid())));
                    }
                }
            } catch (DomainException e) {
                e.errors().forEach(f -> refusals.add(new Refusal(f.field(), f.message(), false)));
            }
        }
        DirectoryListing directory = DirectoryListing.unlisted();
        try {
            directory = DirectoryRules.validate(r.directory() == null ? DirectoryListing.unlisted() : r.directory());
        } catch (DomainException e) {
            e.errors().forEach(f -> refusals.add(new Refusal("directory." + f.field(), f.message(), false)));
        }
        return new Outcome(number, kind, plan, iccid, addons, directory, List.copyOf(refusals));
    }

    private static String sim(Request r, SubscriptionKind kind, Facts facts, List<Refusal> refusals) {
        if (kind == SubscriptionKind.FIXED) {
            if (r.iccid() != null || r.shipTo()) {
                refusals.add(new Refusal("iccid", "a fixed-line subscription has no SIM", false));
            }
            return null;
        }
        if ((r.iccid() == null) == !r.shipTo()) {
            refusals.add(new Refusal("iccid", r.iccid() == null ? "a mobile subscription needs an unused SIM from the"
                    + " company's stock (iccid) or, through the API, an address to send a new SIM to (shipTo)"
                    : "a SIM from stock (iccid) or a new SIM sent to an address (shipTo), not both", false));
            return null;
        }
        if (r.iccid() == null) {
            return null;
        }
        List<FieldError> invalid = new ArrayList<>();
        String iccid = Fields.iccid("iccid", r.iccid(), invalid);
        invalid.forEach(f -> refusals.add(new Refusal(f.field(), f.message(), false)));
        if (iccid != null) {
            add(refusals, stock("iccid", iccid, facts.sim(iccid)));
        }
        return iccid;
    }

    /**
     * Why the company's SIM {@code iccid}, now {@code status} (null: not the company's), cannot be taken
     * from stock; null when it can.
     */
    public static Refusal stock(String field, String iccid, SimStatus status) {
        if (status == null) {
            return new Refusal(field, "SIM " + iccid + " is not in the company's stock", false);
        }
        if (status != SimStatus.IN_STOCK) {
            return new Refusal(field, "SIM " + iccid + " is not unused: it is " + status.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' '), true);
        }
        return null;
    }

    /** A live subscription already has the number. */
    public static Refusal numberInUse(String number) {
        return new Refusal("number", number + " is already in use by another subscription", true);
    }

    private static void add(List<Refusal> refusals, Refusal refusal) {
        if (refusal != null) {
            refusals.add(refusal);
        }
    }

    private static String name(SubscriptionKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
