package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * The organisation over REST on the real distribution (LINK-01..05, LINK-07, PORTAL-05): company
 * details, departments, employees, SIMs, subscriptions with add-ons, optimistic locking, the audit
 * trail, bulk import (all or nothing, zip bombs refused) and streamed export, the equipment overview fed by
 * network events, and the HR export route.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OrgRestIT extends SentralTestSupport {

    private static final String JSON = "application/json";

    @Inject
    private FeaturesService features;

    @Test
    public void companyDetailsTakeOnlyAValidOrganisationNumber() throws Exception {
        String boss = newCompany("org-details");
        HttpResponse<String> bad = send("PUT", "/api/v1/company", boss, JSON,
                "{\"name\":\"Org Details AS\",\"orgNumber\":\"923609017\"}");
        assertEquals(bad.body(), 422, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("\"field\":\"orgNumber\""));
        HttpResponse<String> good = send("PUT", "/api/v1/company", boss, JSON,
                "{\"name\":\"Org Details AS\",\"orgNumber\":\"923 609 016\",\"postalCode\":\"0155\"}");
        assertEquals(good.body(), 200, good.statusCode());
        assertEquals("\"1\"", good.headers().firstValue("ETag").orElseThrow());
        assertEquals("923609016", field(good.body(), "orgNumber"));
        assertEquals(428, send("PUT", "/api/v1/company", boss, JSON,
                "{\"name\":\"Renamed AS\",\"orgNumber\":\"923609016\"}").statusCode());
        assertEquals(412, send("PUT", "/api/v1/company", boss, JSON,
                "{\"name\":\"Renamed AS\",\"orgNumber\":\"923609016\"}", "If-Match", "\"7\"").statusCode());
        assertEquals("Org Details AS", field(get("/api/v1/company", boss).body(), "name"));
    }

    @Test
    public void aSubscriptionIsActivatedChangedAndAuditedOverRest() throws Exception {
        String boss = newCompany("org-flow");
        String sales = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"Salg\"}").body(), "id");
        HttpResponse<String> badEmployee = send("POST", "/api/v1/employees", boss, JSON,
                "{\"departmentId\":\"" + sales + "\",\"name\":\"Kari\",\"mobile\":\"12345\"}");
        assertEquals(badEmployee.body(), 422, badEmployee.statusCode());
        String kari = field(send("POST", "/api/v1/employees", boss, JSON, "{\"departmentId\":\"" + sales
                + "\",\"name\":\"Kari Nordmann\",\"mobile\":\"987 65 432\",\"email\":\"kari@flow.example\"}").body(), "id");

        String sim = iccid(1001);
        String badSim = sim.substring(0, 18) + (char) ('0' + (sim.charAt(18) - '0' + 1) % 10);
        assertEquals(422, send("POST", "/api/v1/sims", boss, JSON, "{\"iccids\":[\"" + badSim + "\"]}").statusCode());
        assertEquals(200, send("POST", "/api/v1/sims", boss, JSON, "{\"iccids\":[\"" + sim + "\",\"" + iccid(1002)
                + "\"]}").statusCode());

        String activation = "{\"number\":\"41234567\",\"kind\":\"MOBILE\",\"employeeId\":\"" + kari
                + "\",\"departmentId\":\"" + sales + "\",\"pricePlan\":\"mobil-10\",\"iccid\":\"" + sim + "\"}";
        HttpResponse<String> created = send("POST", "/api/v1/subscriptions", boss, JSON, activation);
        assertEquals(created.body(), 201, created.statusCode());
        String id = field(created.body(), "id");
        assertEquals("+4741234567", field(created.body(), "number"));
        HttpResponse<String> again = send("POST", "/api/v1/subscriptions", boss, JSON,
                activation.replace(sim, iccid(1002)));
        assertEquals(again.body(), 409, again.statusCode());
        HttpResponse<String> usedSim = send("POST", "/api/v1/subscriptions", boss, JSON,
                activation.replace("41234567", "41234568"));
        assertEquals(usedSim.body(), 409, usedSim.statusCode());

        HttpResponse<String> incompatible = send("PUT", "/api/v1/subscriptions/" + id + "/addons", boss, JSON,
                "[{\"code\":\"content-limit\",\"limitOre\":50000},{\"code\":\"barring\",\"categories\":[\"content-services\"]}]",
                "If-Match", "\"1\"");
        assertEquals(incompatible.body(), 422, incompatible.statusCode());
        assertTrue(incompatible.body(), incompatible.body().contains("keep one of the two"));
        HttpResponse<String> addons = send("PUT", "/api/v1/subscriptions/" + id + "/addons", boss, JSON,
                "[{\"code\":\"data-rollover\"}]", "If-Match", "\"1\"");
        assertEquals(addons.body(), 200, addons.statusCode());
        HttpResponse<String> stale = send("PUT", "/api/v1/subscriptions/" + id + "/directory", boss, JSON,
                "{\"listed\":true,\"fields\":[\"name\"]}", "If-Match", "\"1\"");
        assertEquals(stale.body(), 412, stale.statusCode());
        assertEquals(200, send("PUT", "/api/v1/subscriptions/" + id + "/directory", boss, JSON,
                "{\"listed\":true,\"fields\":[\"name\"]}", "If-Match", "\"2\"").statusCode());

        HttpResponse<String> audit = get("/api/v1/audit?entityId=" + id, boss);
        assertEquals(audit.body(), 200, audit.statusCode());
        assertTrue(audit.body(), audit.body().matches("(?s).*\"action\":\"activated\".*\"action\":\"addons-changed\""
                + ".*\"action\":\"directory-changed\".*"));
        assertTrue(audit.body(), audit.body().contains("\"actor\":\"boss@org-flow\""));
        HttpResponse<String> csv = get("/api/v1/export/audit?entityType=subscription", boss);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertEquals(4, csv.body().lines().count());

        HttpResponse<String> listed = get("/api/v1/subscriptions?department=" + sales + "&number=4123", boss);
        assertTrue(listed.body(), listed.body().contains("\"total\":1"));
    }

    @Test
    public void anImportWithABrokenRowChangesNothing() throws Exception {
        String boss = newCompany("org-import");
        assertEquals(200, send("POST", "/api/v1/import/departments", boss, "text/csv",
                "path\nSalg\nSalg/Nord\n").statusCode());
        String broken = "department,name,mobile\nSalg,Kari,98765432\nSalg/Nord,Ola,1234\n";
        HttpResponse<String> refused = send("POST", "/api/v1/import/employees", boss, "text/csv", broken);
        assertEquals(refused.body(), 422, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("{\"line\":3,\"column\":\"mobile\""));
        assertTrue(get("/api/v1/employees", boss).body().contains("\"total\":0"));
        assertEquals(0, get("/api/v1/audit?entityType=employee", boss).body().split("\"seq\"").length - 1);

        HttpResponse<String> dry = send("POST", "/api/v1/import/employees?dryRun=true", boss, "text/csv",
                broken.replace("1234", "41234567"));
        assertEquals(dry.body(), 200, dry.statusCode());
        assertTrue(get("/api/v1/employees", boss).body().contains("\"total\":0"));
        assertEquals(200, send("POST", "/api/v1/import/employees", boss, "text/csv",
                broken.replace("1234", "41234567")).statusCode());
        assertTrue(get("/api/v1/employees", boss).body().contains("\"total\":2"));
        assertTrue(get("/api/v1/export/employees", boss).body().contains("Salg/Nord,Ola,,+4741234567"));

        // The same as a workbook: exported, and read back in as a dry run.
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        HttpResponse<byte[]> workbook = send("GET", "/api/v1/export/employees?format=xlsx", boss, null, null,
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, workbook.statusCode());
        assertEquals(xlsx, workbook.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> back = send("POST", "/api/v1/import/employees?dryRun=true", boss, xlsx, workbook.body(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(back.body(), 200, back.statusCode());
        assertTrue(back.body(), back.body().contains("\"dryRun\":true,\"applied\":false,\"rows\":2"));
    }

    @Test
    public void aZipBombIsRefusedAtOnceAndALargeExportStreams() throws Exception {
        String boss = newCompany("org-large");
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        // A few MiB of workbook whose sheet unpacks to 1 GiB: refused from the archive's directory, unpacked never.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 1024; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        long t0 = System.nanoTime();
        HttpResponse<String> refused = send("POST", "/api/v1/import/employees", boss, xlsx, bomb.toByteArray(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(refused.body(), 413, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("workbook-too-large")
                && refused.body().contains("unpacks to more than 256 MiB"));
        assertTrue("refused after " + (System.nanoTime() - t0) / 1_000_000 + " ms", System.nanoTime() - t0 < 10_000_000_000L);

        // 50,000 SIMs in, and out again as a download that is written while it is read (chunked, no length).
        StringBuilder sims = new StringBuilder("iccid\n");
        for (int i = 0; i < 50_000; i++) {
            sims.append(iccid(500_000 + i)).append('\n');
        }
        HttpResponse<String> imported = send("POST", "/api/v1/import/sims", boss, "text/csv", sims.toString());
        assertEquals(imported.body(), 200, imported.statusCode());
        HttpResponse<String> export = get("/api/v1/export/sims", boss);
        assertEquals(200, export.statusCode());
        assertEquals("text/csv;charset=UTF-8", export.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", ""));
        assertEquals("attachment; filename=\"sims.csv\"", export.headers().firstValue("Content-Disposition")
                .orElseThrow());
        assertTrue(export.headers().firstValue("Content-Length").isEmpty());
        List<String> lines = export.body().lines().toList();
        assertEquals(50_001, lines.size());
        assertEquals("iccid", lines.get(0));
        assertEquals(iccid(500_000), lines.get(1));
    }

    @Test
    public void theEquipmentOverviewUpdatesItselfFromNetworkEvents() throws Exception {
        String boss = newCompany("org-devices");
        String sales = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"Salg\"}").body(), "id");
        String sim = iccid(2001);
        send("POST", "/api/v1/sims", boss, JSON, "{\"iccids\":[\"" + sim + "\"]}");
        assertEquals(201, send("POST", "/api/v1/subscriptions", boss, JSON, "{\"number\":\"41234599\","
                + "\"departmentId\":\"" + sales + "\",\"pricePlan\":\"mobil-3\",\"iccid\":\"" + sim + "\"}").statusCode());
        assertEquals(202, send("POST", "/api/v1/events", boss, JSON, "{\"type\":\"sentral.network.device-seen\","
                + "\"data\":{\"iccid\":\"" + sim + "\",\"imei\":\"490154203237518\",\"model\":\"iPhone 15\"}}")
                .statusCode());
        waitFor("the phone in the equipment overview", () -> {
            try {
                return get("/api/v1/devices", boss).body().contains("\"imei\":\"490154203237518\"");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(get("/api/v1/audit?entityType=device", boss).body().contains("\"actor\":\"network\""));
    }

    @Test
    public void theHrRouteSendsEachNewEmployee() throws Exception {
        String boss = newCompany("org-hr");
        features.installFeature("sentral-route-hr-export");
        String sales = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"Salg\"}").body(), "id");
        String id = field(send("POST", "/api/v1/employees", boss, JSON, "{\"departmentId\":\"" + sales
                + "\",\"name\":\"Per Hansen\",\"employeeNumber\":\"77\"}").body(), "id");
        Path document = karafBase().resolve("data/sentral/hr-outbox/org-hr/" + id + ".json");
        waitFor("the HR document " + document, () -> {
            try {
                return Files.exists(document) && Files.readString(document).strip().endsWith("}");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        String json = Files.readString(document);
        assertTrue(json, json.contains("\"employeeNumber\":\"77\"") && json.contains("\"company\":\"org-hr\""));
    }
}
