package no.sentral.organisation.internal.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.DomainException;

/**
 * The add-on services of a subscription (LINK-03, COST-11) and which combinations make sense.
 * Every refusal names the add-on and says why, so an admin can fix the request without support.
 */
public final class AddonRules {

    public static final String DATA_PACK = "data-pack";
    public static final String BARRING = "barring";
    public static final String CONTENT_LIMIT = "content-limit";
    public static final String TWIN_SIM = "twin-sim";
    public static final String DATA_ROLLOVER = "data-rollover";
    public static final String DATA_CONTROL = "data-control";
    public static final List<String> CODES = List.of(DATA_PACK, BARRING, CONTENT_LIMIT, TWIN_SIM, DATA_ROLLOVER,
            DATA_CONTROL);

    /** The bigger data packs on sale, in GB per month (the product sheets go "up to 60 GB"). */
    public static final List<Integer> DATA_PACK_SIZES = List.of(5, 10, 20, 30, 60);
    public static final List<String> BARRING_CATEGORIES = List.of("premium-numbers", "premium-sms",
            "content-services", "international-calls", "roaming", "data");
    private static final Set<String> MOBILE_ONLY_BARRING = Set.of("premium-sms", "roaming", "data");
    /** The highest spending limit for content services: 5,000 kr a month. */
    public static final long MAX_CONTENT_LIMIT_ORE = 500_000;
    /** Data Rollover is sold on plans from 6 GB (COST-11). */
    public static final int ROLLOVER_MIN_GB = 6;

    private AddonRules() {
    }

    /**
     * Checks {@code addons} for a subscription on {@code plan} in a company whose agreement offers
     * {@code offered}; returns them normalised (ICCIDs as digits, categories sorted) or throws a
     * validation problem listing every reason.
     */
    public static List<Addon> validate(PricePlan plan, List<Addon> addons, Set<String> offered) {
        List<FieldError> errors = new ArrayList<>();
        List<Addon> normalised = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addons.size(); i++) {
            Addon addon = addons.get(i);
            String field = "addons[" + i + "]";
            if (addon == null || addon.code() == null || !CODES.contains(addon.code())) {
                errors.add(new FieldError(field + ".code", "unknown add-on" + (addon == null ? "" : " '"
                        + addon.code() + "'") + "; add-ons: " + String.join(", ", CODES)));
                continue;
            }
            String code = addon.code();
            if (!seen.add(code)) {
                errors.add(new FieldError(field + ".code", "'" + code + "' appears more than once"));
            }
            if (!offered.contains(code)) {
                errors.add(new FieldError(field + ".code", "'" + code + "' is not on offer in the company's agreement"));
            }
            if (plan.kind() == SubscriptionKind.FIXED && !BARRING.equals(code)) {
                errors.add(new FieldError(field + ".code", "'" + code + "' is for mobile subscriptions only"));
            }
            normalised.add(checkParameters(plan, addon, field, errors));
        }
        if (errors.isEmpty()) {
            checkCombinations(plan, normalised, errors);
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return List.copyOf(normalised);
    }

    /** The data included per month: the plan's, or the bigger data pack's when there is one. */
    public static int effectiveDataGb(PricePlan plan, List<Addon> addons) {
        int gb = plan.dataGb() == null ? 0 : plan.dataGb();
        for (Addon addon : addons) {
            if (DATA_PACK.equals(addon.code()) && addon.dataGb() != null) {
                gb = Math.max(gb, addon.dataGb());
            }
        }
        return gb;
    }

    private static Addon checkParameters(PricePlan plan, Addon addon, String field, List<FieldError> errors) {
        String code = addon.code();
        boolean hasGb = addon.dataGb() != null;
        boolean hasCategories = !addon.categories().isEmpty();
        boolean hasLimit = addon.limitOre() != null;
        boolean hasIccid = addon.iccid() != null;
        switch (code) {
            case DATA_PACK -> {
                noOther(field, code, errors, hasCategories, hasLimit, hasIccid);
                int planGb = plan.dataGb() == null ? 0 : plan.dataGb();
                if (!hasGb || !DATA_PACK_SIZES.contains(addon.dataGb())) {
                    errors.add(new FieldError(field + ".dataGb", "one of " + DATA_PACK_SIZES + " GB"));
                } else if (addon.dataGb() <= planGb) {
                    errors.add(new FieldError(field + ".dataGb", "the plan already includes " + planGb
                            + " GB; a bigger data pack must be bigger than that"));
                }
                return new Addon(code, addon.dataGb(), List.of(), null, null);
            }
            case BARRING -> {
                noOther(field, code, errors, hasGb, hasLimit, hasIccid);
                Set<String> categories = new TreeSet<>(addon.categories());
                if (categories.isEmpty()) {
                    errors.add(new FieldError(field + ".categories", "name at least one of " + BARRING_CATEGORIES));
                }
                for (String category : categories) {
                    if (!BARRING_CATEGORIES.contains(category)) {
                        errors.add(new FieldError(field + ".categories", "unknown barring category '" + category
                                + "'; categories: " + String.join(", ", BARRING_CATEGORIES)));
                    } else if (plan.kind() == SubscriptionKind.FIXED && MOBILE_ONLY_BARRING.contains(category)) {
                        errors.add(new FieldError(field + ".categories", "barring of '" + category
                                + "' applies to mobile subscriptions only"));
                    }
                }
                return new Addon(code, null, List.copyOf(categories), null, null);
            }
            case CONTENT_LIMIT -> {
                noOther(field, code, errors, hasGb, hasCategories, hasIccid);
                if (!hasLimit || addon.limitOre() < 0 || addon.limitOre() > MAX_CONTENT_LIMIT_ORE
                        || addon.limitOre() % 100 != 0) {
                    errors.add(new FieldError(field + ".limitOre", "whole kroner from 0 to "
                            + MAX_CONTENT_LIMIT_ORE / 100 + " kr, in øre (e.g. 50000 for 500 kr)"));
                }
                return new Addon(code, null, List.of(), addon.limitOre(), null);
            }
            case TWIN_SIM -> {
                noOther(field, code, errors, hasGb, hasCategories, hasLimit);
                return new Addon(code, null, List.of(), null, Fields.iccid(field + ".iccid", addon.iccid(), errors));
            }
            default -> {
                noOther(field, code, errors, hasGb, hasCategories, hasLimit, hasIccid);
                return Addon.of(code);
            }
        }
    }

    private static void noOther(String field, String code, List<FieldError> errors, boolean... present) {
        for (boolean p : present) {
            if (p) {
                errors.add(new FieldError(field, "'" + code + "' does not take that parameter"));
                return;
            }
        }
    }

    private static void checkCombinations(PricePlan plan, List<Addon> addons, List<FieldError> errors) {
        Set<String> barred = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (Addon addon : addons) {
            codes.add(addon.code());
            if (BARRING.equals(addon.code())) {
                barred.addAll(addon.categories());
            }
        }
        if (codes.contains(DATA_ROLLOVER)) {
            int gb = effectiveDataGb(plan, addons);
            if (gb < ROLLOVER_MIN_GB) {
                errors.add(new FieldError("addons", "Data Rollover needs a data pack of at least " + ROLLOVER_MIN_GB
                        + " GB; this subscription has " + gb + " GB"));
            }
            if (barred.contains("data")) {
                errors.add(new FieldError("addons", "data is barred, so there is no data to roll over"));
            }
        }
        if (codes.contains(CONTENT_LIMIT) && barred.contains("content-services")) {
            errors.add(new FieldError("addons", "content services are barred, so a spending limit for them has"
                    + " no effect: keep one of the two"));
        }
        if (codes.contains(DATA_CONTROL) && barred.contains("data")) {
            errors.add(new FieldError("addons", "data is barred, so data control has nothing to control"));
        }
        if (codes.contains(DATA_PACK) && barred.contains("data")) {
            errors.add(new FieldError("addons", "data is barred, so a bigger data pack cannot be used"));
        }
    }
}
