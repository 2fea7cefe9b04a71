package no.sentral.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.sentral.api.organisation.Agreement;
import no.sentral.api.organisation.Agreements;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SubscriptionKind;

/**
 * The demo company's organisation: an agreement, 8 departments, 50 employees (the demo logins among
 * them) with mobile subscriptions, 5 switchboard lines, 15 spare SIMs, contacts, and 40 phones reported
 * by the network so that the equipment overview fills itself. Everything but the agreement (the
 * operator's side) goes through the public REST API and the same imports as real data. Each step
 * looks first whether it was done, so a seeding cut short resumes where it stopped.
 */
final class DemoOrganisation {

    static final List<String> PATHS = List.of("/company", "/departments", "/employees", "/sims", "/subscriptions",
            "/contacts", "/devices", "/access/{username}", "/import/{kind}", "/events");

    static final String[] DEPARTMENTS = {"Ledelse", "Salg", "Salg/Nord", "Salg/Sør", "Kundeservice", "Drift",
        "Økonomi", "IT"};
    private static final String[] FIRST = {"Kari", "Ola", "Ingrid", "Lars", "Sofie", "Jonas", "Emma", "Henrik",
        "Nora", "Magnus", "Ida", "Erik", "Thea", "Sander", "Maja", "Kristian", "Sara", "Martin", "Hanna", "Anders",
        "Julie", "Per", "Marte", "Eirik", "Silje"};
    private static final String[] LAST = {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
        "Kristiansen", "Jensen", "Karlsen"};
    private static final String[] TITLES = {"Daglig leder", "Selger", "Selger", "Selger", "Kundebehandler",
        "Driftstekniker", "Regnskapsfører", "Utvikler"};
    private static final String[] PHONES = {"iPhone 15", "iPhone 14", "Samsung Galaxy S24", "Google Pixel 8",
        "iPad Air", "Samsung Galaxy Tab S9"};
    private static final String[] PLANS = {"mobil-1", "mobil-5", "mobil-10", "mobil-30"};
    static final int EMPLOYEES = 50;
    private static final int LINES = 5;
    private static final int SPARE_SIMS = 15;

    private final String tenant;
    private final String name;

    DemoOrganisation(String tenant, String name) {
        this.tenant = tenant;
        this.name = name;
    }

    /** The operator's side: the price plans and add-ons the company may use. */
    void agreement(Agreements agreements) {
        if (agreements.agreement(tenant).pricePlans().isEmpty()) {
            agreements.setAgreement("demo-seed", tenant, new Agreement(List.of(
                    new PricePlan("mobil-1", "Mobil 1 GB", SubscriptionKind.MOBILE, 1, 19_900),
                    new PricePlan("mobil-5", "Mobil 5 GB", SubscriptionKind.MOBILE, 5, 34_900),
                    new PricePlan("mobil-10", "Mobil 10 GB", SubscriptionKind.MOBILE, 10, 44_900),
                    new PricePlan("mobil-30", "Mobil 30 GB", SubscriptionKind.MOBILE, 30, 59_900),
                    new PricePlan("fast-sentralbord", "Sentralbordnummer", SubscriptionKind.FIXED, null, 24_900)),
                    List.of("data-pack", "barring", "content-limit", "twin-sim", "data-rollover", "data-control")));
        }
    }

    void seed(Api api) throws IOException, InterruptedException {
        Api.Answer company = api.send("PUT", "/company", "application/json", Api.JSON.writeValueAsString(Map.of(
                "name", name, "orgNumber", orgNumber(), "address", "Storgata 1", "postalCode", "0155",
                "city", "Oslo")));
        if (!company.ok() && company.status() != 428) {
            throw new IOException("PUT /company answered " + company.status() + ": " + company.body());
        }
        if (api.get("/departments").isEmpty()) {
            importCsv(api, "departments", departments());
        }
        if (api.get("/employees?limit=1").path("total").asInt() == 0) {
            importCsv(api, "employees", employees());
        }
        if (api.get("/sims").isEmpty()) {
            importCsv(api, "sims", sims());
        }
        if (api.get("/subscriptions?limit=1").path("total").asInt() == 0) {
            importCsv(api, "subscriptions", subscriptions());
        }
        String sales = departmentIds(api.get("/departments")).get("Salg");
        api.change("PUT", "/access/" + Api.encode(login("avdeling")),
                Map.of("roles", List.of("department-admin"), "departments", List.of(sales)));
        Set<String> contacts = new HashSet<>();
        api.get("/contacts").forEach(c -> contacts.add(c.path("name").asText()));
        for (Map<String, String> contact : List.of(
                Map.of("name", "Regnskapsbyrået Nord AS", "organisation", "Regnskapsbyrået Nord AS",
                        "phone", "22 33 44 55", "email", "post@regnskapnord.example", "note", "Månedlig regnskap"),
                Map.of("name", "Ole Vaktmester", "organisation", "Gårdeier AS", "phone", "415 55 123",
                        "note", "Nøkler og adgangskort"),
                Map.of("name", "IT-leverandør support", "organisation", "Datahjelp AS", "phone", "800 12 345",
                        "email", "support@datahjelp.example"))) {
            if (!contacts.contains(contact.get("name"))) {
                api.change("POST", "/contacts", contact);
            }
        }
        // Phones the network sees with the new SIMs: the equipment route turns these into the overview.
        if (api.get("/devices").isEmpty()) {
            for (int i = 0; i < EMPLOYEES; i++) {
                if (i % 5 != 4) {
                    api.change("POST", "/events", Map.of("type", "sentral.network.device-seen", "subject", imei(i),
                            "data", Map.of("iccid", iccid(i), "imei", imei(i), "model", PHONES[i % PHONES.length])));
                }
            }
        }
    }

    /** Departments by their path ("Salg/Nord"), as the imports name them. */
    static Map<String, String> departmentIds(JsonNode departments) {
        Map<String, JsonNode> byId = new HashMap<>();
        departments.forEach(d -> byId.put(d.path("id").asText(), d));
        Map<String, String> byPath = new HashMap<>();
        for (JsonNode d : departments) {
            StringBuilder path = new StringBuilder(d.path("name").asText());
            for (JsonNode p = byId.get(d.path("parentId").asText(null)); p != null;
                 p = byId.get(p.path("parentId").asText(null))) {
                path.insert(0, p.path("name").asText() + "/");
            }
            byPath.put(path.toString(), d.path("id").asText());
        }
        return byPath;
    }

    String login(String who) {
        return who + "@" + tenant + ".example";
    }

    private void importCsv(Api api, String kind, String csv) throws IOException, InterruptedException {
        Api.Answer report = api.send("POST", "/import/" + kind, "text/csv", csv);
        if (!report.ok() || !report.body().path("applied").asBoolean()) {
            throw new IOException("the demo's " + kind + " import was refused (" + report.status() + "): "
                    + report.body());
        }
    }

    static String departments() {
        StringBuilder csv = new StringBuilder("path,costCentre\n");
        for (int i = 0; i < DEPARTMENTS.length; i++) {
            csv.append(DEPARTMENTS[i]).append(',').append(1000 + 100 * i).append('\n');
        }
        return csv.toString();
    }

    /** The demo logins are people too: the first employees carry their usernames. */
    String employees() {
        List<String> logins = List.of(login("admin"), login("avdeling"), login("sentralbord"), login("ansatt"),
                login("lonn"));
        StringBuilder csv = new StringBuilder("department,name,email,mobile,title,language,employeeNumber,username\n");
        for (int i = 0; i < EMPLOYEES; i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i * 7) % LAST.length];
            int d = department(i);
            String email = (first + "." + last).toLowerCase().replace('ø', 'o') + (i >= FIRST.length ? i : "")
                    + "@" + tenant + ".example";
            csv.append(String.join(",", DEPARTMENTS[d], first + " " + last, email, mobile(i), TITLES[d],
                    i % 6 == 5 ? "en" : "nb", String.valueOf(1001 + i), i < logins.size() ? logins.get(i) : ""))
                    .append('\n');
        }
        return csv.toString();
    }

    static String sims() {
        StringBuilder csv = new StringBuilder("iccid\n");
        for (int i = 0; i < EMPLOYEES + SPARE_SIMS; i++) {
            csv.append(iccid(i)).append('\n');
        }
        return csv.toString();
    }

    static String subscriptions() {
        StringBuilder csv = new StringBuilder("number,kind,department,employee,pricePlan,iccid,addons,directory\n");
        for (int i = 0; i < EMPLOYEES; i++) {
            String plan = PLANS[i % PLANS.length];
            String addons = switch (i % 5) {
                case 0 -> plan.equals("mobil-10") || plan.equals("mobil-30") ? "data-rollover" : "barring:premium-sms";
                case 1 -> "content-limit:50000;barring:premium-numbers";
                case 2 -> "data-control";
                default -> "";
            };
            csv.append(String.join(",", mobile(i), "mobile", DEPARTMENTS[department(i)], String.valueOf(1001 + i),
                    plan, iccid(i), addons, i % 3 == 0 ? "listed:name+title+company" : "unlisted")).append('\n');
        }
        for (int i = 0; i < LINES; i++) {
            csv.append(String.join(",", String.format("2100%04d", i), "fixed", i == 0 ? "Ledelse" : "Kundeservice",
                    "", "fast-sentralbord", "", "barring:international-calls",
                    i == 0 ? "listed:name+company+address" : "unlisted")).append('\n');
        }
        return csv.toString();
    }

    /** The logins' employees sit where their roles belong; the others spread over the departments. */
    private static int department(int i) {
        String[] logins = {"Ledelse", "Salg", "Kundeservice", "Salg/Nord", "Økonomi"};
        return i < logins.length ? List.of(DEPARTMENTS).indexOf(logins[i]) : i % DEPARTMENTS.length;
    }

    private static String mobile(int i) {
        return String.format("9%07d", 1_000_000 + i * 37);
    }

    static String iccid(int i) {
        return Check.luhn(String.format("894702%012d", 4_000_000L + i));
    }

    static String imei(int i) {
        return Check.luhn(String.format("35%012d", 640_000_000L + i * 101L));
    }

    /** The first number from 991000000 that passes the mod-11 check; it may belong to a real company. */
    static String orgNumber() {
        for (int n = 99_100_000; ; n++) {
            String number = Check.mod11(Integer.toString(n));
            if (number != null) {
                return number;
            }
        }
    }
}
