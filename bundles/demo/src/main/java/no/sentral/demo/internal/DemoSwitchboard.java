package no.sentral.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo company's switchboard, set up through the public REST API as an admin would: the main
 * number to a menu of three queues and the management's answer group, a customer-service line that
 * follows office hours with Norwegian holidays, extensions, a conference room, and agents logged in.
 * A set-up item that exists already (428: the API wants its version to replace it) is left as it is,
 * so a seeding cut short resumes where it stopped and never overwrites an admin's changes.
 */
final class DemoSwitchboard {

    static final List<String> PATHS = List.of("/switchboard/config/{kind}/{id}",
            "/switchboard/agents/{user}/queues/{queue}");
    static final String MAIN = "+4721000000";
    static final String SERVICE_LINE = "+4721000001";
    static final String CONFERENCE = "+4721000004";

    private final Api api;

    DemoSwitchboard(Api api) {
        this.api = api;
    }

    void seed(String tenant) throws IOException, InterruptedException {
        Map<String, String> departments = DemoOrganisation.departmentIds(api.get("/departments"));
        Map<String, List<String>> byDepartment = new LinkedHashMap<>();
        List<String> everyone = new ArrayList<>();
        String operator = null;
        String boss = null;
        for (JsonNode e : api.get("/employees?limit=" + DemoOrganisation.EMPLOYEES).path("items")) {
            String id = e.path("id").asText();
            everyone.add(id);
            departments.forEach((path, department) -> {
                if (department.equals(e.path("departmentId").asText())) {
                    byDepartment.computeIfAbsent(path, p -> new ArrayList<>()).add(id);
                }
            });
            String username = e.path("username").asText("");
            operator = username.equals("sentralbord@" + tenant + ".example") ? id : operator;
            boss = username.equals("admin@" + tenant + ".example") ? id : boss;
        }
        if (operator == null || boss == null) {
            throw new IOException("the demo organisation of " + tenant + " has no operator or manager");
        }

        put("users", boss, map("user", boss, "ringSeconds", 25, "forward", Map.of(), "conferencePin", "2024",
                "barredPrefixes", List.of()));
        int year = Year.now().getValue();
        put("schedules", "kontortid", map("id", "kontortid", "name", "Kontortid", "zone", "Europe/Oslo",
                "weekly", List.of(map("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                        "from", "08:00", "to", "16:00")),
                "closedOnPublicHolidays", true,
                "exceptions", List.of(
                        map("date", year + "-12-24", "from", "08:00", "to", "12:00", "name", "Julaften"),
                        map("date", year + "-12-31", "from", "08:00", "to", "12:00", "name", "Nyttårsaften"))));
        Map<String, Object> reception = to("voicemail", operator);
        put("queues", "sentralbord", queue("sentralbord", "Sentralbord", "ring_all", 20, 5, 300, 20, reception,
                20, 30, 90, 120, 60));
        put("queues", "salg", queue("salg", "Salg", "rr_memory", 15, 10, 600, 30, to("queue", "sentralbord"),
                20, 30, 90, 180, 45));
        put("queues", "kundeservice", queue("kundeservice", "Kundeservice", "least_recent", 15, 15, 600, 30,
                to("queue", "sentralbord"), 30, 45, 120, 180, 45));
        List<Map<String, Object>> management = new ArrayList<>();
        for (String id : byDepartment.getOrDefault("Ledelse", List.of(boss))) {
            management.add(map("user", id, "ringSeconds", 0, "penalty", 0));
        }
        put("groups", "ledelse", map("id", "ledelse", "name", "Ledelsen", "strategy", "linear", "members", management,
                "ringSeconds", 15, "totalSeconds", 45, "overflow", to("queue", "sentralbord")));
        put("menus", "hovedmeny", map("id", "hovedmeny", "name", "Hovedmeny", "prompt", "prompt-hovedmeny",
                "options", map("1", to("queue", "salg"), "2", to("queue", "kundeservice"), "3", to("group", "ledelse"),
                        "0", to("queue", "sentralbord")),
                "timeoutSeconds", 6, "maxInvalid", 3, "fallback", to("queue", "sentralbord")));
        put("switches", "kundeservice-tid", map("id", "kundeservice-tid", "name", "Kundeservice i kontortid",
                "schedule", "kontortid", "open", to("queue", "kundeservice"), "closed", reception));
        put("numbers", MAIN, number(MAIN, to("menu", "hovedmeny"), true));
        put("numbers", SERVICE_LINE, number(SERVICE_LINE, to("switch", "kundeservice-tid"), false));
        put("numbers", CONFERENCE, number(CONFERENCE, to("conference", boss), false));
        put("numbers", "100", number("100", to("queue", "sentralbord"), false));
        for (int i = 0; i < Math.min(20, everyone.size()); i++) {
            String extension = String.valueOf(201 + i);
            put("numbers", extension, number(extension, to("user", everyone.get(i)), false));
        }

        login(operator, "sentralbord");
        login(operator, "kundeservice");
        for (String sales : List.of("Salg", "Salg/Nord", "Salg/Sør")) {
            for (String id : byDepartment.getOrDefault(sales, List.of())) {
                login(id, "salg");
            }
        }
        for (String id : byDepartment.getOrDefault("Kundeservice", List.of())) {
            login(id, "kundeservice");
        }
        for (String id : byDepartment.getOrDefault("Drift", List.of())) {
            login(id, "sentralbord");
        }
    }

    private void put(String kind, String id, Map<String, Object> item) throws IOException, InterruptedException {
        String path = "/switchboard/config/" + kind + "/" + Api.encode(id);
        Api.Answer answer = api.send("PUT", path, "application/json", Api.JSON.writeValueAsString(item));
        if (!answer.ok() && answer.status() != 428) {
            throw new IOException("PUT " + path + " answered " + answer.status() + ": " + answer.body());
        }
    }

    /** Logging in an agent who is logged in already changes nothing. */
    private void login(String user, String queue) throws IOException, InterruptedException {
        api.change("PUT", "/switchboard/agents/" + user + "/queues/" + queue, null);
    }

    private static Map<String, Object> queue(String id, String name, String strategy, int ringSeconds,
                                             int wrapUpSeconds, int maxWaitSeconds, int maxLength,
                                             Map<String, Object> overflow, int serviceLevelSeconds, int yellowSeconds,
                                             int redSeconds, int alertSeconds, int announceSeconds) {
        return map("id", id, "name", name, "strategy", strategy, "ringSeconds", ringSeconds,
                "wrapUpSeconds", wrapUpSeconds, "maxWaitSeconds", maxWaitSeconds, "maxLength", maxLength,
                "overflow", overflow, "serviceLevelSeconds", serviceLevelSeconds, "yellowSeconds", yellowSeconds,
                "redSeconds", redSeconds, "alertSeconds", alertSeconds, "announceSeconds", announceSeconds,
                "callbackKey", "1");
    }

    private static Map<String, Object> number(String number, Map<String, Object> destination, boolean main) {
        return map("number", number, "destination", destination, "main", main);
    }

    private static Map<String, Object> to(String type, String target) {
        return map("type", type, "target", target, "priority", 0);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
