package no.sentral.organisation.internal.service;

import static no.sentral.organisation.internal.OrgTestBed.ACME;
import static no.sentral.organisation.internal.OrgTestBed.INITECH;
import static no.sentral.organisation.internal.OrgTestBed.admin;
import static no.sentral.organisation.internal.OrgTestBed.newIccid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.Device;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.organisation.internal.OrgTestBed;
import no.sentral.organisation.internal.service.DepartmentService.DepartmentInput;
import no.sentral.organisation.internal.service.EquipmentService.Sighting;
import no.sentral.organisation.internal.service.SubscriptionService.Activation;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PORTAL-05: the equipment overview updates itself from the network's sightings. */
class EquipmentServiceTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void aNewPhoneOnACompanySimAppearsOnceAndMovesWithItsSim() throws Exception {
        OrgTestBed bed = new OrgTestBed(postgres);
        Department sales = bed.departments.create(admin(ACME), new DepartmentInput("Salg", null, null));
        String sim = newIccid();
        String other = newIccid();
        bed.sims.addToStock(admin(ACME), List.of(sim, other));
        String line = bed.subscriptions.activate(admin(ACME), new Activation("41234567", SubscriptionKind.MOBILE, null,
                sales.id(), "mobil-10", sim, null, null, null)).subscription().id();
        Instant t1 = Instant.parse("2026-11-26T08:00:00Z");

        assertTrue(bed.equipment.seen(ACME, new Sighting(sim, "490154203237518", "iPhone 15"), t1));
        assertFalse(bed.equipment.seen(ACME, new Sighting(sim, "490154203237518", "iPhone 15"), t1.plusSeconds(60)),
                "the same phone again is no change");
        List<Device> devices = bed.equipment.list(admin(ACME));
        assertEquals(1, devices.size());
        assertEquals(line, devices.get(0).subscriptionId());
        assertEquals(t1.plusSeconds(60), devices.get(0).lastSeen());

        assertTrue(bed.equipment.seen(ACME, new Sighting(other, "490154203237518", null), t1.plusSeconds(120)));
        assertEquals(other, bed.equipment.list(admin(ACME)).get(0).iccid());
        assertEquals("iPhone 15", bed.equipment.list(admin(ACME)).get(0).model());

        // Invalid IMEIs, and SIMs that are not the company's, change nothing.
        assertFalse(bed.equipment.seen(ACME, new Sighting(sim, "490154203237519", "x"), t1));
        assertFalse(bed.equipment.seen(INITECH, new Sighting(sim, "356938035643809", "x"), t1));
        assertEquals(List.of(), bed.equipment.list(admin(INITECH)));
        assertEquals(List.of("network added", "network moved"), bed.column("SELECT actor || ' ' || action"
                + " FROM platform_audit_log WHERE entity_type = 'device' ORDER BY seq"));
    }
}
