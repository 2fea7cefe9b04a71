package no.sentral.organisation.internal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.OrgTestBed;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo company's organisation goes in through the real import rules, and all of it is valid. */
class OrgDemoTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void seedsARealisticCompany() throws Exception {
        OrgTestBed bed = new OrgTestBed(postgres);
        bed.tenants.create("demo", "Demo Bedrift AS");
        bed.accounts.create("demo", "avdeling@demo.example", "a-long-enough-password",
                EnumSet.of(Role.DEPARTMENT_ADMIN), Set.of("salg"));
        SentralPrincipal seeder = new SentralPrincipal("demo-seed", "demo", EnumSet.of(Role.COMPANY_ADMIN), Set.of(),
                false);
        bed.changes.run(seeder, (tx, scope) -> OrgDemo.seed(tx, scope, bed.companies, bed.contacts, bed.importer,
                bed.accounts));
        assertEquals(List.of("8"), bed.column("SELECT count(*) FROM org_department WHERE tenant = 'demo'"));
        assertEquals(List.of("50"), bed.column("SELECT count(*) FROM org_employee WHERE tenant = 'demo'"));
        assertEquals(List.of("55"), bed.column("SELECT count(*) FROM org_subscription WHERE tenant = 'demo'"));
        assertEquals(List.of("15"), bed.column("SELECT count(*) FROM org_sim WHERE tenant = 'demo'"
                + " AND status = 'IN_STOCK'"));
        assertEquals(List.of("40"), bed.column("SELECT count(*) FROM platform_event_outbox"
                + " WHERE type = 'sentral.network.device-seen'"));
        assertEquals(List.of("ansatt@demo.example"), bed.column("SELECT username FROM org_employee"
                + " WHERE username LIKE 'ansatt@%'"));
        String sales = bed.column("SELECT id FROM org_department WHERE name = 'Salg'").get(0);
        assertEquals(Set.of(sales), bed.accounts.find("demo", "avdeling@demo.example").orElseThrow().departments());
        assertTrue(Identifiers.orgNumber(OrgDemo.orgNumber()).isPresent());
    }
}
