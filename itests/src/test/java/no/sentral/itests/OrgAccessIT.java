package no.sentral.itests;

import static org.junit.Assert.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * LINK-06 on the real distribution: logins granted by the company admin, the role × endpoint
 * matrix, and companies that never see each other's data (404 through every endpoint).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OrgAccessIT extends SentralTestSupport {

    private static final String JSON = "application/json";
    private static final String PASSWORD = "itest-role-password";

    /** One company's ids, made by its admin. */
    private record Company(String boss, String sales, String support, String employee, String subscription,
                           String contact, String order) {
    }

    private Company company(String tenant, int serial) throws Exception {
        String boss = newCompany(tenant);
        String sales = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"Salg\"}").body(), "id");
        String support = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"Support\"}").body(), "id");
        String employee = field(send("POST", "/api/v1/employees", boss, JSON, "{\"departmentId\":\"" + sales
                + "\",\"name\":\"Ansatt\",\"username\":\"ansatt@" + tenant + "\"}").body(), "id");
        String sim = iccid(serial);
        send("POST", "/api/v1/sims", boss, JSON, "{\"iccids\":[\"" + sim + "\"]}");
        String subscription = field(send("POST", "/api/v1/subscriptions", boss, JSON, "{\"number\":\"41" + serial
                + "000\",\"employeeId\":\"" + employee + "\",\"departmentId\":\"" + sales
                + "\",\"pricePlan\":\"mobil-10\",\"iccid\":\"" + sim + "\"}").body(), "id");
        String contact = field(send("POST", "/api/v1/contacts", boss, JSON, "{\"name\":\"Leverandør\"}").body(), "id");
        String order = field(send("POST", "/api/v1/subscriptions", boss, JSON, "{\"number\":\"9" + serial
                + "0000\",\"departmentId\":\"" + support + "\",\"pricePlan\":\"mobil-3\",\"shipTo\":{\"name\":\"X\","
                + "\"street\":\"Storgata 1\",\"postalCode\":\"0155\",\"city\":\"Oslo\"}}").body(), "simOrder\":\\{\"id");
        return new Company(boss, sales, support, employee, subscription, contact, order);
    }

    @Test
    public void companiesNeverSeeEachOthersData() throws Exception {
        Company a = company("iso-a", 311);
        Company b = company("iso-b", 322);
        String[][] probes = {
            {"GET", "/api/v1/departments/" + b.sales(), null},
            {"PUT", "/api/v1/departments/" + b.sales(), "{\"name\":\"Mine\"}"},
            {"POST", "/api/v1/departments/" + b.sales() + "/merge", "{\"into\":\"" + a.sales() + "\"}"},
            {"DELETE", "/api/v1/departments/" + b.support(), null},
            {"GET", "/api/v1/employees/" + b.employee(), null},
            {"PUT", "/api/v1/employees/" + b.employee(), "{\"departmentId\":\"" + a.sales() + "\",\"name\":\"X\"}"},
            {"DELETE", "/api/v1/employees/" + b.employee(), null},
            {"GET", "/api/v1/employees/" + b.employee() + "/photo", null},
            {"GET", "/api/v1/subscriptions/" + b.subscription(), null},
            {"PUT", "/api/v1/subscriptions/" + b.subscription(), "{\"departmentId\":\"" + a.sales() + "\"}"},
            {"PUT", "/api/v1/subscriptions/" + b.subscription() + "/addons", "[]"},
            {"PUT", "/api/v1/subscriptions/" + b.subscription() + "/directory", "{\"listed\":false}"},
            {"DELETE", "/api/v1/subscriptions/" + b.subscription(), null},
            {"POST", "/api/v1/subscriptions/move", "{\"ids\":[\"" + b.subscription() + "\"],\"departmentId\":\""
                    + a.sales() + "\"}"},
            {"POST", "/api/v1/subscriptions/move", "{\"ids\":[\"" + a.subscription() + "\"],\"departmentId\":\""
                    + b.sales() + "\"}"},
            {"POST", "/api/v1/employees", "{\"departmentId\":\"" + b.sales() + "\",\"name\":\"Spy\"}"},
            {"GET", "/api/v1/contacts/" + b.contact(), null},
            {"PUT", "/api/v1/contacts/" + b.contact(), "{\"name\":\"X\"}"},
            {"DELETE", "/api/v1/contacts/" + b.contact(), null},
            {"GET", "/api/v1/sim-orders/" + b.order(), null},
            {"POST", "/api/v1/sim-orders/" + b.order() + "/status", "{\"status\":\"cancelled\"}"},
            {"GET", "/api/v1/access/boss@iso-b", null},
            {"DELETE", "/api/v1/access/boss@iso-b", null},
        };
        List<String> wrong = new ArrayList<>();
        for (String[] probe : probes) {
            HttpResponse<String> r = send(probe[0], probe[1], a.boss(), probe[2] == null ? null : JSON, probe[2],
                    "If-Match", "\"1\"");
            if (r.statusCode() != 404) {
                wrong.add(probe[0] + " " + probe[1] + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertEquals(String.join("\n", wrong), List.of(), wrong);
        // Lists and exports hold only the caller's own company.
        assertEquals(false, get("/api/v1/subscriptions", a.boss()).body().contains(b.subscription()));
        assertEquals(false, get("/api/v1/export/employees", a.boss()).body().contains("iso-b"));
        assertEquals(false, get("/api/v1/audit", a.boss()).body().contains(b.subscription()));
        // B's data is untouched.
        assertEquals(200, get("/api/v1/subscriptions/" + b.subscription(), b.boss()).statusCode());
        assertEquals(b.sales(), field(get("/api/v1/subscriptions/" + b.subscription(), b.boss()).body(),
                "departmentId"));
    }

    @Test
    public void eachRoleGetsWhatItMayAndNothingMore() throws Exception {
        Company c = company("roles", 333);
        grant("depadmin@roles", "{\"roles\":[\"department-admin\"],\"departments\":[\"" + c.sales() + "\"],"
                + "\"password\":\"" + PASSWORD + "\"}", c.boss());
        grant("ansatt@roles", "{\"roles\":[\"employee\"],\"password\":\"" + PASSWORD + "\"}", c.boss());
        grant("operator@roles", "{\"roles\":[\"switchboard-operator\"],\"password\":\"" + PASSWORD + "\"}", c.boss());
        grant("payroll@roles", "{\"roles\":[\"payroll\"],\"password\":\"" + PASSWORD + "\"}", c.boss());
        String[] roles = {"boss", "depadmin", "ansatt", "operator", "payroll"};
        String[] auth = {c.boss(), basic("depadmin@roles", PASSWORD), basic("ansatt@roles", PASSWORD),
            basic("operator@roles", PASSWORD), basic("payroll@roles", PASSWORD)};
        // Expected status per role, in the order of roles above.
        Object[][] matrix = {
            {"GET", "/api/v1/departments", null, new int[] {200, 200, 200, 200, 200}},
            {"POST", "/api/v1/departments", "{\"name\":\"Ny-%s\"}", new int[] {201, 403, 403, 403, 403}},
            {"POST", "/api/v1/departments", "{\"name\":\"Under-%s\",\"parentId\":\"" + c.sales() + "\"}",
                new int[] {201, 201, 403, 403, 403}},
            {"GET", "/api/v1/employees/" + c.employee(), null, new int[] {200, 200, 200, 200, 200}},
            {"GET", "/api/v1/subscriptions/" + c.subscription(), null, new int[] {200, 200, 200, 403, 200}},
            {"GET", "/api/v1/sim-orders/" + c.order(), null, new int[] {200, 404, 403, 403, 403}},
            {"POST", "/api/v1/employees", "{\"departmentId\":\"" + c.support() + "\",\"name\":\"S-%s\"}",
                new int[] {201, 404, 404, 403, 403}},
            {"POST", "/api/v1/sims", "{\"iccids\":[\"%s\"]}", new int[] {200, 403, 403, 403, 403}},
            {"GET", "/api/v1/sims", null, new int[] {200, 200, 403, 403, 403}},
            {"GET", "/api/v1/company/agreement", null, new int[] {200, 200, 403, 403, 200}},
            {"GET", "/api/v1/access", null, new int[] {200, 403, 403, 403, 403}},
            {"GET", "/api/v1/audit", null, new int[] {200, 403, 403, 403, 403}},
            {"GET", "/api/v1/export/audit", null, new int[] {200, 403, 403, 403, 403}},
            {"GET", "/api/v1/export/employees", null, new int[] {200, 200, 403, 403, 403}},
            {"POST", "/api/v1/import/employees", "department,name\nSalg,I-%s\n", new int[] {200, 200, 403, 403, 403}},
            {"GET", "/api/v1/devices", null, new int[] {200, 200, 200, 403, 403}},
            {"PUT", "/api/v1/agreements/roles", "{}", new int[] {403, 403, 403, 403, 403}},
        };
        List<String> wrong = new ArrayList<>();
        int serial = 0;
        for (Object[] row : matrix) {
            for (int i = 0; i < roles.length; i++) {
                String body = row[2] == null ? null : String.format((String) row[2],
                        ((String) row[1]).endsWith("sims") ? iccid(9000 + serial++) : roles[i]);
                String type = body == null ? null : ((String) row[1]).contains("/import/") ? "text/csv" : JSON;
                int status = send((String) row[0], (String) row[1], auth[i], type, body).statusCode();
                int expected = ((int[]) row[3])[i];
                if (status != expected) {
                    wrong.add(roles[i] + " " + row[0] + " " + row[1] + ": " + status + ", expected " + expected);
                }
            }
        }
        assertEquals(String.join("\n", wrong), List.of(), wrong);

        // Employees keep their own profile up to date; others without admin rights may not.
        String own = "{\"departmentId\":\"" + c.sales() + "\",\"name\":\"Ansatt\",\"username\":\"ansatt@roles\","
                + "\"language\":\"en\"}";
        String path = "/api/v1/employees/" + c.employee();
        assertEquals(403, send("PUT", path, auth[3], JSON, own, "If-Match", "\"1\"").statusCode());
        assertEquals(403, send("PUT", path, auth[2], JSON, own.replace("\"Ansatt\"", "\"Sjef\""), "If-Match",
                "\"1\"").statusCode());
        HttpResponse<String> mine = send("PUT", path, auth[2], JSON, own, "If-Match", "\"1\"");
        assertEquals(mine.body(), 200, mine.statusCode());
        assertEquals("en", field(mine.body(), "language"));
    }

    private void grant(String username, String body, String boss) throws Exception {
        HttpResponse<String> r = send("PUT", "/api/v1/access/" + username, boss, JSON, body);
        assertEquals(r.body(), 200, r.statusCode());
    }
}
