package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.TelephonyAdapter;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceRegistration;

/**
 * The shell as an operator uses it: Tab completes companies, queues, people and import kinds, and
 * the switchboard's commands show names (people, queues) in Karaf's tables rather than ids.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ShellIT extends SentralTestSupport {

    private static final String TENANT = "shell-co";
    private static final String JSON = "application/json";

    /**
     * The company, set up the way an operator would from the shell (organisation imported from CSV), with
     * a queue on its main number and two of its people logged into it; returns the people's ids by username.
     */
    private List<String> company() throws Exception {
        if (!executeCommand("sentral:tenant-list").contains(TENANT)) {
            String boss = newCompany(TENANT);
            Path departments = Files.createTempFile("departments", ".csv");
            Files.writeString(departments, "path\nKundeservice\n");
            assertTrue(executeCommand("sentral:org-import " + TENANT + " departments " + departments).contains("1 created"));
            Path employees = Files.createTempFile("employees", ".csv");
            Files.writeString(employees, "department,name,mobile,username\n"
                    + "Kundeservice,Kari Nordmann,+4790000001,kari@" + TENANT + "\n"
                    + "Kundeservice,Ola Hansen,+4790000002,ola@" + TENANT + "\n");
            assertTrue(executeCommand("sentral:org-import " + TENANT + " employees " + employees).contains("2 created"));
            for (String[] put : new String[][] {
                {"queues/support", "{\"name\":\"Kundestøtte\",\"strategy\":\"linear\",\"ringSeconds\":30}"},
                {"numbers/+4722990000", "{\"destination\":{\"type\":\"queue\",\"target\":\"support\"},\"main\":true}"}}) {
                HttpResponse<String> r = send("PUT", "/api/v1/switchboard/config/" + put[0], boss, JSON, put[1]);
                assertEquals(r.body(), 200, r.statusCode());
            }
            for (String person : people(boss)) {
                HttpResponse<String> login = send("PUT", "/api/v1/switchboard/agents/" + person + "/queues/support",
                        boss, JSON, null);
                assertEquals(login.body(), 200, login.statusCode());
            }
        }
        return people(basic("boss@" + TENANT, "itest-password-" + TENANT));
    }

    private List<String> people(String boss) throws Exception {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(get("/api/v1/employees", boss).body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(ids.toString(), 2, ids.size());
        return ids;
    }

    @Test
    public void tabCompletesCompaniesQueuesPeopleAndImportKinds() throws Exception {
        company();
        assertTrue(complete("TenantCompleter", "sentral:queues shell").contains(TENANT + " "));
        assertEquals(List.of("support "), complete("QueueCompleter", "sentral:queues " + TENANT + " su"));
        assertEquals(List.of("kari@" + TENANT + " "), complete("UserCompleter", "sentral:agents " + TENANT + " ka"));
        assertEquals(List.of("employees "), complete("ImportKindCompleter", "sentral:org-import " + TENANT + " em"));
        assertEquals(List.of(), complete("QueueCompleter", "sentral:queues no-such-company "));
    }

    @Test
    public void theSwitchboardsTablesShowNames() throws Exception {
        List<String> people = company();
        String queues = executeCommand("sentral:queues " + TENANT + " support");
        assertTrue(queues, queues.contains("Kundestøtte (support)"));
        assertTrue(queues, queues.contains("Kari Nordmann") && queues.contains("Ola Hansen"));
        String agents = executeCommand("sentral:agents " + TENANT + " kari@" + TENANT);
        assertTrue(agents, agents.contains("Kari Nordmann") && agents.contains("Kundestøtte"));
        assertTrue(agents, !agents.contains("Ola Hansen"));

        RecordingNetwork network = new RecordingNetwork(() -> bundleContext.getService(
                bundleContext.getServiceReference(CallControl.class)), TENANT);
        ServiceRegistration<TelephonyAdapter> registration =
                bundleContext.registerService(TelephonyAdapter.class, network, new Hashtable<>());
        try {
            String caller = network.call("+4741234567", "22990000");
            String ringing = network.awaitRing("the first agent", r -> people.contains(r.to().user()));
            network.answer(ringing);
            waitFor("the call connected", () -> {
                try {
                    return executeCommand("sentral:calls " + TENANT).contains("CONNECTED");
                } catch (Exception e) {
                    return false;
                }
            });
            String calls = executeCommand("sentral:calls -p " + TENANT);
            assertTrue(calls, calls.contains("Kundestøtte"));
            assertTrue(calls, calls.contains("Kari Nordmann") || calls.contains("Ola Hansen"));
            for (String id : people) {
                assertTrue("no employee ids: " + calls, !calls.contains(id));
            }
            network.hangUp(caller);
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void tablesAreKarafsTables() throws Exception {
        company();
        String tenants = executeCommand("sentral:tenant-list");
        assertTrue(tenants, tenants.matches("(?s)ID\\s+\\| NAME.*\\n-+\\+-+.*" + TENANT + ".*"));
        String status = executeCommand("sentral:status");
        assertTrue(status, status.matches("(?s).*KIND\\s+\\| NAME\\s+\\| STATE.*"));
    }

    /**
     * What a completer of the shell (as the console finds it for a command's {@code @Completion}) offers
     * after {@code line}, Tab pressed at its end.
     */
    private List<String> complete(String completer, String line) throws Exception {
        String[] words = line.split(" ", -1);
        Session session = sessionFactory.create(System.in, System.out, System.err);
        try {
            Completer found = session.getRegistry().getServices(Completer.class).stream()
                    .filter(c -> c.getClass().getSimpleName().equals(completer)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + completer + " in the shell"));
            List<String> candidates = new ArrayList<>();
            found.complete(session, new CommandLineImpl(words, words.length - 1, words[words.length - 1].length(),
                    line.length(), line), candidates);
            candidates.sort(String::compareTo);
            return candidates;
        } finally {
            session.close();
        }
    }
}
