package no.sentral.organisation.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.DomainException.Kind;
import org.junit.jupiter.api.Test;

/** LINK-03 and COST-11: which add-on services go together. */
class AddonRulesTest {

    private static final PricePlan SMALL = new PricePlan("mobil-3", "Mobil 3 GB", SubscriptionKind.MOBILE, 3, 29_900);
    private static final PricePlan BIG = new PricePlan("mobil-10", "Mobil 10 GB", SubscriptionKind.MOBILE, 10, 44_900);
    private static final PricePlan FIXED = new PricePlan("fast", "Fasttelefon", SubscriptionKind.FIXED, null, 19_900);
    private static final Set<String> ALL = Set.copyOf(AddonRules.CODES);

    @Test
    void dataRolloverNeedsSixGigabytes() {
        String why = message(() -> AddonRules.validate(SMALL, List.of(Addon.of("data-rollover")), ALL));
        assertTrue(why.contains("at least 6 GB") && why.contains("3 GB"), why);
        assertEquals(1, AddonRules.validate(BIG, List.of(Addon.of("data-rollover")), ALL).size());
        // A bigger data pack lifts a small plan over the line.
        assertEquals(2, AddonRules.validate(SMALL, List.of(new Addon("data-pack", 10, null, null, null),
                Addon.of("data-rollover")), ALL).size());
    }

    @Test
    void aBiggerDataPackMustBeBiggerAndOnSale() {
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(new Addon("data-pack", 10, null, null, null)), ALL))
                .contains("already includes 10 GB"));
        assertTrue(message(() -> AddonRules.validate(SMALL, List.of(new Addon("data-pack", 7, null, null, null)), ALL))
                .contains("one of"));
    }

    @Test
    void contradictionsAreRefusedWithTheReason() {
        Addon barContent = new Addon("barring", null, List.of("content-services"), null, null);
        Addon limit = new Addon("content-limit", null, null, 50_000L, null);
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(barContent, limit), ALL)).contains("keep one"));
        Addon barData = new Addon("barring", null, List.of("data"), null, null);
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(barData, Addon.of("data-control")), ALL))
                .contains("nothing to control"));
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(barData, Addon.of("data-rollover")), ALL))
                .contains("no data to roll over"));
    }

    @Test
    void fixedLinesTakeOnlyBarringOfWhatTheyCanDo() {
        assertTrue(message(() -> AddonRules.validate(FIXED, List.of(Addon.of("data-control")), ALL))
                .contains("mobile subscriptions only"));
        assertTrue(message(() -> AddonRules.validate(FIXED, List.of(new Addon("barring", null, List.of("roaming"),
                null, null)), ALL)).contains("mobile subscriptions only"));
        assertEquals(List.of(new Addon("barring", null, List.of("international-calls", "premium-numbers"), null, null)),
                AddonRules.validate(FIXED, List.of(new Addon("barring", null,
                        List.of("premium-numbers", "international-calls"), null, null)), ALL));
    }

    @Test
    void onlyWhatTheAgreementOffersOnceEachWithItsOwnParameters() {
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(Addon.of("data-control")), Set.of("barring")))
                .contains("not on offer"));
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(Addon.of("teleport")), ALL)).contains("unknown"));
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(Addon.of("data-control"), Addon.of("data-control")),
                ALL)).contains("more than once"));
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(new Addon("data-control", 5, null, null, null)),
                ALL)).contains("does not take"));
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(new Addon("content-limit", null, null, 12_345L,
                null)), ALL)).contains("whole kroner"));
        assertTrue(message(() -> AddonRules.validate(BIG, List.of(new Addon("twin-sim", null, null, null,
                "894700")), ALL)).contains("ICCID"));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        DomainException e = assertThrows(DomainException.class, call);
        assertEquals(Kind.INVALID, e.kind());
        return e.errors().toString();
    }
}
