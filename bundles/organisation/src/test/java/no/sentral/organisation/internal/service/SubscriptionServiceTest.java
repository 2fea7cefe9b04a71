package no.sentral.organisation.internal.service;

import static no.sentral.organisation.internal.OrgTestBed.ACME;
import static no.sentral.organisation.internal.OrgTestBed.INITECH;
import static no.sentral.organisation.internal.OrgTestBed.admin;
import static no.sentral.organisation.internal.OrgTestBed.newIccid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.ShippingAddress;
import no.sentral.api.organisation.SimOrderStatus;
import no.sentral.api.organisation.SimStatus;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.organisation.SubscriptionStatus;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.DomainException.Kind;
import no.sentral.organisation.internal.OrgTestBed;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.api.organisation.Agreement;
import no.sentral.organisation.internal.service.DepartmentService.DepartmentInput;
import no.sentral.organisation.internal.service.EmployeeService.EmployeeInput;
import no.sentral.organisation.internal.service.SubscriptionService.Activated;
import no.sentral.organisation.internal.service.SubscriptionService.Activation;
import no.sentral.organisation.internal.service.SubscriptionService.Filter;
import no.sentral.organisation.internal.service.SubscriptionService.Grouping;
import no.sentral.organisation.internal.service.SubscriptionService.Holder;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LINK-01, LINK-02, LINK-03, LINK-04, LINK-05 and LINK-07 on a real PostgreSQL. */
public class SubscriptionServiceTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private OrgTestBed bed;
    private Department sales;
    private Department support;
    private Employee kari;

    @BeforeEach
    void setUp() throws Exception {
        bed = new OrgTestBed(postgres);
        sales = bed.departments.create(admin(ACME), new DepartmentInput("Salg", null, "100"));
        support = bed.departments.create(admin(ACME), new DepartmentInput("Kundeservice", null, null));
        kari = bed.employees.create(admin(ACME), new EmployeeInput(sales.id(), "Kari Nordmann", "kari@acme.no",
                "98765432", "Selger", "nb", "1001", "kari"));
    }

    private Activation withSim(String number, String iccid, List<Addon> addons) {
        return new Activation(number, SubscriptionKind.MOBILE, kari.id(), sales.id(), "mobil-10", iccid, null, addons,
                null);
    }

    private String simInStock() {
        String iccid = newIccid();
        bed.sims.addToStock(admin(ACME), List.of(iccid));
        return iccid;
    }

    @Test
    void activatingWithASimInStockUsesItUpAndIsAudited() throws Exception {
        String iccid = simInStock();
        Activated activated = bed.subscriptions.activate(admin(ACME), withSim("412 34 567", iccid,
                List.of(Addon.of("data-rollover"))));
        Subscription s = activated.subscription();
        assertEquals("+4741234567", s.number());
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertEquals(iccid, s.iccid());
        assertEquals(SimStatus.ACTIVE, bed.sims.sims(admin(ACME), null).get(0).status());
        assertEquals(List.of("admin@acme activated " + s.id()), bed.column("SELECT actor || ' ' || action || ' '"
                + " || entity_id FROM platform_audit_log WHERE entity_type = 'subscription'"));
        assertEquals(List.of("sentral.subscription.activated"), bed.column("SELECT type FROM platform_event_outbox"
                + " WHERE subject = '" + s.id() + "'"));

        // The same SIM cannot serve twice, nor can the same number.
        DomainException used = assertThrows(DomainException.class, () -> bed.subscriptions.activate(admin(ACME),
                withSim("41234568", iccid, List.of())));
        assertEquals(Kind.CONFLICT, used.kind());
        DomainException taken = assertThrows(DomainException.class, () -> bed.subscriptions.activate(admin(ACME),
                withSim("41234567", simInStock(), List.of())));
        assertEquals(Kind.CONFLICT, taken.kind());
        assertEquals("+4741234567 is already in use by another subscription", taken.detail());
        assertEquals(List.of("1"), bed.column("SELECT count(*) FROM org_subscription"));
    }

    @Test
    void otherBundlesReadTheCompanyAndOnlyTheSubscriptionsWithAnAddOnTheyAskFor() {
        Subscription barred = bed.subscriptions.activate(admin(ACME), withSim("41234567", simInStock(),
                List.of(new Addon("barring", null, List.of("premium-sms"), null, null)))).subscription();
        bed.subscriptions.activate(admin(ACME), withSim("41234568", simInStock(), List.of(Addon.of("data-control"))));
        Subscription ended = bed.subscriptions.activate(admin(ACME), withSim("41234569", simInStock(),
                List.of(new Addon("barring", null, List.of("roaming"), null, null)))).subscription();
        bed.subscriptions.terminate(admin(ACME), ended.id(), null);
        OrganisationService organisation = new OrganisationService(bed.database);
        assertEquals(List.of(barred.id()), organisation.subscriptionsWith(ACME, "barring").stream()
                .map(Subscription::id).toList());
        assertEquals(List.of(), organisation.subscriptionsWith(INITECH, "barring"));
        assertEquals(List.of(kari.id()), organisation.employees(ACME).stream().map(Employee::id).toList());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        String iccid = simInStock();
        String body = iccid.substring(0, 18);
        char wrong = (char) ('0' + (iccid.charAt(18) - '0' + 1) % 10);
        for (Activation bad : List.of(
                withSim("12345", iccid, List.of()),
                withSim("22123456", iccid, List.of()),
                withSim("41234567", body + wrong, List.of()),
                withSim("41234567", newIccid(), List.of()),
                withSim("41234567", iccid, List.of(Addon.of("data-rollover"), Addon.of("data-rollover"))),
                new Activation("41234567", SubscriptionKind.MOBILE, null, sales.id(), "fast", iccid, null, null, null),
                new Activation("41234567", SubscriptionKind.MOBILE, null, sales.id(), "mobil-3", iccid, null,
                        List.of(Addon.of("data-rollover")), null),
                new Activation("41234567", SubscriptionKind.MOBILE, null, sales.id(), "mobil-3", null, null, null, null),
                new Activation("41234567", SubscriptionKind.MOBILE, null, sales.id(), "gold", iccid, null, null, null))) {
            DomainException e = assertThrows(DomainException.class, () -> bed.subscriptions.activate(admin(ACME), bad));
            assertTrue(e.kind() == Kind.INVALID || e.kind() == Kind.CONFLICT, e.toString());
        }
        assertEquals(List.of("0"), bed.column("SELECT count(*) FROM org_subscription"));
        assertEquals(List.of("IN_STOCK"), bed.column("SELECT status FROM org_sim"));
    }

    @Test
    void anOrderedSimGoesFromOrderedThroughSentToActivated() {
        Activated pending = bed.subscriptions.activate(admin(ACME), new Activation("41234567", SubscriptionKind.MOBILE,
                kari.id(), sales.id(), "mobil-10", null, new ShippingAddress("Kari Nordmann", "Storgata 1", "0155",
                "Oslo"), null, null));
        assertEquals(SubscriptionStatus.PENDING, pending.subscription().status());
        String order = pending.simOrder().id();
        assertEquals(SimOrderStatus.ORDERED, pending.simOrder().status());
        DomainException early = assertThrows(DomainException.class, () -> bed.sims.advance(admin(ACME), order, null,
                SimOrderStatus.ACTIVATED, null));
        assertEquals(Kind.CONFLICT, early.kind());
        String iccid = newIccid();
        assertEquals(SimOrderStatus.SENT, bed.sims.advance(admin(ACME), order, 1, SimOrderStatus.SENT, iccid).status());
        assertEquals(iccid, bed.subscriptions.get(admin(ACME), pending.subscription().id()).iccid());
        bed.sims.advance(admin(ACME), order, null, SimOrderStatus.ACTIVATED, null);
        assertEquals(SubscriptionStatus.ACTIVE, bed.subscriptions.get(admin(ACME), pending.subscription().id()).status());
        assertThrows(DomainException.class, () -> bed.sims.advance(admin(ACME), order, null,
                SimOrderStatus.CANCELLED, null));
    }

    @Test
    void cancellingAnOrderEndsThePendingSubscriptionAndFreesTheNumber() {
        Activation order = new Activation("41234567", SubscriptionKind.MOBILE, null, sales.id(), "mobil-10", null,
                new ShippingAddress("Resepsjonen", "Storgata 1", "0155", "Oslo"), null, null);
        Activated pending = bed.subscriptions.activate(admin(ACME), order);
        bed.sims.advance(admin(ACME), pending.simOrder().id(), null, SimOrderStatus.CANCELLED, null);
        assertEquals(SubscriptionStatus.TERMINATED, bed.subscriptions.get(admin(ACME),
                pending.subscription().id()).status());
        assertNotNull(bed.subscriptions.activate(admin(ACME), order).simOrder());
    }

    @Test
    void addOnsDirectoryAndStaleVersions() throws Exception {
        Subscription s = bed.subscriptions.activate(admin(ACME), withSim("41234567", simInStock(), List.of()))
                .subscription();
        String twin = simInStock();
        Subscription withTwin = bed.subscriptions.setAddons(admin(ACME), s.id(), s.version(),
                List.of(new Addon("twin-sim", null, null, null, twin), new Addon("barring", null,
                        List.of("premium-sms"), null, null)));
        assertEquals(2, withTwin.addons().size());
        assertEquals("ACTIVE", bed.column("SELECT status FROM org_sim WHERE iccid = '" + twin + "'").get(0));

        // A write based on the version read before the add-ons changed is refused with 412.
        DomainException stale = assertThrows(DomainException.class, () -> bed.subscriptions.setDirectory(admin(ACME),
                s.id(), s.version(), new DirectoryListing(true, List.of("name"))));
        assertEquals(Kind.STALE, stale.kind());
        Subscription listed = bed.subscriptions.setDirectory(admin(ACME), s.id(), withTwin.version(),
                new DirectoryListing(true, List.of("title", "name")));
        assertEquals(List.of("name", "title"), listed.directory().fields());

        // Dropping the twin SIM closes it.
        bed.subscriptions.setAddons(admin(ACME), s.id(), listed.version(), List.of());
        assertEquals("CLOSED", bed.column("SELECT status FROM org_sim WHERE iccid = '" + twin + "'").get(0));
        assertEquals(List.of("activated", "addons-changed", "directory-changed", "addons-changed"), bed.column(
                "SELECT action FROM platform_audit_log WHERE entity_id = '" + s.id() + "' ORDER BY seq"));
    }

    @Test
    void ofTwoConcurrentWritesOfTheSameVersionOneWinsAndTheOtherIsStale() throws Exception {
        Subscription s = bed.subscriptions.activate(admin(ACME), withSim("41234567", simInStock(), List.of()))
                .subscription();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                List<String> fields = i % 2 == 0 ? List.of("name") : List.of("name", "title");
                writes.add(pool.submit(() -> {
                    try {
                        bed.subscriptions.setDirectory(admin(ACME), s.id(), s.version(),
                                new DirectoryListing(true, fields));
                        return "written";
                    } catch (DomainException e) {
                        return e.kind().name();
                    }
                }));
            }
            List<String> statuses = new java.util.ArrayList<>();
            for (var write : writes) {
                statuses.add(write.get());
            }
            assertEquals(1, statuses.stream().filter("written"::equals).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter("STALE"::equals).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(s.version() + 1, bed.subscriptions.get(admin(ACME), s.id()).version());
    }

    @Test
    void listingByDepartmentMovingAndGrouping() {
        Department north = bed.departments.create(admin(ACME), new DepartmentInput("Nord", sales.id(), null));
        for (int i = 0; i < 5; i++) {
            bed.subscriptions.activate(admin(ACME), new Activation("4123456" + i, SubscriptionKind.MOBILE, null,
                    i < 3 ? north.id() : support.id(), "mobil-10", simInStock(), null, null, null));
        }
        Filter underSales = new Filter(sales.id(), true, null, null, null, null, null);
        Page<Subscription> page = bed.subscriptions.list(admin(ACME), underSales, Page.Window.of(0, 2));
        assertEquals(3, page.total());
        assertEquals(List.of("+4741234560", "+4741234561"), page.items().stream().map(Subscription::number).toList());
        assertEquals(0, bed.subscriptions.list(admin(ACME), new Filter(sales.id(), false, null, null, null, null, null),
                Page.Window.of(0, 10)).total());

        // Keyset paging: the page after the first two, without a count, and then the end.
        Page<Subscription> rest = bed.subscriptions.list(admin(ACME), underSales, new Page.Window(0, 2, page.next(),
                false));
        assertEquals(List.of("+4741234562"), rest.items().stream().map(Subscription::number).toList());
        assertEquals(null, rest.total());
        assertEquals(null, rest.next());
        assertEquals(Kind.INVALID, kind(() -> bed.subscriptions.list(admin(ACME), underSales, new Page.Window(0, 2, "bogus",
                false))));

        List<String> two = page.items().stream().map(Subscription::id).toList();
        bed.subscriptions.move(admin(ACME), two, support.id());
        assertEquals(java.util.Map.of(north.id(), 1L, support.id(), 4L), bed.subscriptions.summary(admin(ACME), null,
                Grouping.DEPARTMENT));
        assertEquals(java.util.Map.of("mobil-10", 5L), bed.subscriptions.summary(admin(ACME), null,
                Grouping.PRICE_PLAN));

        // One id of another company makes the whole move fail: nothing moves.
        String foreign = otherCompanysSubscription();
        DomainException e = assertThrows(DomainException.class, () -> bed.subscriptions.move(admin(ACME),
                List.of(page.items().get(0).id(), foreign), north.id()));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals(support.id(), bed.subscriptions.get(admin(ACME), two.get(0)).departmentId());
    }

    @Test
    void anotherCompanysIdsAnswerNotFound() {
        String foreign = otherCompanysSubscription();
        Department theirs = bed.departments.list(admin(INITECH)).get(0);
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.get(admin(ACME), foreign)));
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.terminate(admin(ACME), foreign, null)));
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.departments.get(admin(ACME), theirs.id())));
        Subscription mine = bed.subscriptions.activate(admin(ACME), withSim("41234567", simInStock(), List.of()))
                .subscription();
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.move(admin(ACME), List.of(mine.id()), theirs.id())));
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.update(admin(ACME), mine.id(), null,
                new Holder(null, theirs.id(), null))));
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.employees.create(admin(ACME), new EmployeeInput(theirs.id(), "X", null,
                null, null, null, null, null))));
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.get(admin(ACME), "not-a-uuid")));
    }

    @Test
    void changingThePlanKeepsTheAddOnsValid() {
        Subscription s = bed.subscriptions.activate(admin(ACME), withSim("41234567", simInStock(),
                List.of(Addon.of("data-rollover")))).subscription();
        DomainException e = assertThrows(DomainException.class, () -> bed.subscriptions.update(admin(ACME), s.id(),
                s.version(), new Holder(kari.id(), sales.id(), "mobil-3")));
        assertTrue(e.errors().toString().contains("6 GB"), e.toString());
        Subscription moved = bed.subscriptions.update(admin(ACME), s.id(), s.version(),
                new Holder(null, support.id(), null));
        assertEquals(List.of("mobil-10", support.id()), List.of(moved.pricePlan(), moved.departmentId()));
        assertEquals(null, moved.employeeId());
    }

    @Test
    void theAgreementCannotPullAPlanFromUnderItsSubscriptions() throws Exception {
        Subscription s = bed.subscriptions.activate(admin(ACME), withSim("41234567", simInStock(),
                List.of(Addon.of("data-rollover")))).subscription();
        List<PricePlan> plans = List.of(new PricePlan("mobil-3", "Mobil 3 GB", SubscriptionKind.MOBILE, 3, 29_900),
                new PricePlan("mobil-10", "Mobil 10 GB", SubscriptionKind.MOBILE, 4, 44_900));
        assertEquals(Kind.CONFLICT, kind(() -> bed.companies.setAgreement("operator", ACME, new Agreement(plans, AddonRules.CODES))));
        assertEquals(Kind.CONFLICT, kind(() -> bed.companies.setAgreement("operator", ACME, new Agreement(plans.subList(0, 1),
                AddonRules.CODES))));
        bed.subscriptions.terminate(admin(ACME), s.id(), s.version());
        // Only a terminated subscription names it now: the plan leaves the agreement but stays on record.
        bed.companies.setAgreement("operator", ACME, new Agreement(plans.subList(0, 1), AddonRules.CODES));
        assertEquals(List.of("mobil-3"), bed.companies.agreement(admin(ACME)).pricePlans().stream()
                .map(PricePlan::code).toList());
        assertEquals("mobil-10", bed.subscriptions.get(admin(ACME), s.id()).pricePlan());
        assertEquals(Kind.INVALID, kind(() -> bed.subscriptions.activate(admin(ACME), withSim("41234568", simInStock(),
                List.of()))));
    }

    private String otherCompanysSubscription() {
        Department theirs = bed.departments.create(admin(INITECH), new DepartmentInput("Drift", null, null));
        String iccid = newIccid();
        bed.sims.addToStock(admin(INITECH), List.of(iccid));
        return bed.subscriptions.activate(admin(INITECH), new Activation("99999999", SubscriptionKind.MOBILE, null,
                theirs.id(), "mobil-10", iccid, null, null, null)).subscription().id();
    }

    public static Kind kind(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(DomainException.class, call).kind();
    }
}
