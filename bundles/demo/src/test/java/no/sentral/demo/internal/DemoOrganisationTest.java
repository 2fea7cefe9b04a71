package no.sentral.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo company's import files: what the README promises, with unique people and numbers. */
class DemoOrganisationTest {

    private final DemoOrganisation demo = new DemoOrganisation("demo", "Demo Bedrift AS");

    @Test
    void fiftyEmployeesTheLoginsFirstEachWithAUniqueEmailAndMobile() {
        List<String[]> rows = rows(demo.employees());
        assertEquals(50, rows.size());
        assertEquals(List.of("admin@demo.example", "avdeling@demo.example", "sentralbord@demo.example",
                "ansatt@demo.example", "lonn@demo.example"), rows.subList(0, 5).stream().map(r -> r[7]).toList());
        assertEquals(50, rows.stream().map(r -> r[2]).distinct().count());
        assertEquals(50, rows.stream().map(r -> r[3]).distinct().count());
        assertEquals(List.of("Ledelse", "Salg", "Kundeservice", "Salg/Nord", "Økonomi"),
                rows.subList(0, 5).stream().map(r -> r[0]).toList());
    }

    @Test
    void fiftyMobilesFiveSwitchboardLinesAndFifteenSpareSims() {
        List<String[]> subscriptions = rows(DemoOrganisation.subscriptions());
        assertEquals(55, subscriptions.size());
        assertEquals(5, subscriptions.stream().filter(r -> r[1].equals("fixed")).count());
        Set<String> used = subscriptions.stream().map(r -> r[5]).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        List<String> sims = rows(DemoOrganisation.sims()).stream().map(r -> r[0]).toList();
        assertEquals(65, Set.copyOf(sims).size());
        assertTrue(sims.containsAll(used));
        assertEquals(15, sims.size() - used.size());
        sims.forEach(iccid -> assertEquals(iccid, Check.luhn(iccid.substring(0, iccid.length() - 1))));
    }

    @Test
    void departmentsAreFoundByTheirPath() throws Exception {
        JsonNode departments = Api.JSON.readTree("[{\"id\":\"a\",\"name\":\"Salg\"},"
                + "{\"id\":\"b\",\"name\":\"Nord\",\"parentId\":\"a\"},{\"id\":\"c\",\"name\":\"IT\"}]");
        assertEquals(Map.of("Salg", "a", "Salg/Nord", "b", "IT", "c"), DemoOrganisation.departmentIds(departments));
        assertEquals(Arrays.asList(DemoOrganisation.DEPARTMENTS),
                rows(DemoOrganisation.departments()).stream().map(r -> r[0]).toList());
    }

    @Test
    void theOrganisationNumberPassesTheMod11Check() {
        String number = DemoOrganisation.orgNumber();
        assertEquals(number, Check.mod11(number.substring(0, 8)));
    }

    private static List<String[]> rows(String csv) {
        return csv.lines().skip(1).map(l -> l.split(",", -1)).toList();
    }
}
