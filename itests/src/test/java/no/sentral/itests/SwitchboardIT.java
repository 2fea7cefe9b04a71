package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.Hashtable;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.TelephonyAdapter;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * The switchboard in the real distribution (PBX-01, -03, -05, -08, -09, -10, SB-02, -05, -07): set-up
 * over REST with its validation, a call through menu and queue to an agent with its CDR, path and
 * statistics, and a callback that keeps its place across a restart of the switchboard bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SwitchboardIT extends SentralTestSupport {

    static final String JSON = "application/json";
    private static final String CALLER = "+4741234567";

    private ServiceRegistration<TelephonyAdapter> registration;

    @After
    public void disconnect() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private RecordingNetwork network(String tenant) {
        RecordingNetwork network = new RecordingNetwork(() -> bundleContext.getService(
                bundleContext.getServiceReference(CallControl.class)), tenant);
        registration = bundleContext.registerService(TelephonyAdapter.class, network, new Hashtable<>());
        return network;
    }

    /** A company with two agents in a queue behind a menu on its main number; returns the admin's authorization. */
    private String company(String tenant, String[] agents) throws Exception {
        String boss = newCompany(tenant);
        String dept = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"Kundeservice\"}").body(), "id");
        for (int i = 0; i < agents.length; i++) {
            agents[i] = field(send("POST", "/api/v1/employees", boss, JSON, "{\"departmentId\":\"" + dept
                    + "\",\"name\":\"Agent " + i + "\",\"mobile\":\"+479000000" + i + "\"}").body(), "id");
        }
        put(boss, "queues/support", "{\"name\":\"Support\",\"strategy\":\"linear\",\"ringSeconds\":20,"
                + "\"callbackKey\":\"1\",\"yellowSeconds\":20,\"redSeconds\":60}");
        put(boss, "menus/main", "{\"name\":\"Main\",\"prompt\":\"prompt-main\",\"options\":{\"2\":{\"type\":\"queue\","
                + "\"target\":\"support\"}},\"fallback\":{\"type\":\"queue\",\"target\":\"support\"}}");
        put(boss, "numbers/+4722000000", "{\"destination\":{\"type\":\"menu\",\"target\":\"main\"},\"main\":true}");
        for (String agent : agents) {
            HttpResponse<String> login = send("PUT", "/api/v1/switchboard/agents/" + agent + "/queues/support", boss,
                    JSON, null);
            assertEquals(login.body(), 200, login.statusCode());
        }
        return boss;
    }

    private void put(String auth, String path, String body, String... ifMatch) throws Exception {
        HttpResponse<String> r = ifMatch.length == 0 ? send("PUT", "/api/v1/switchboard/config/" + path, auth, JSON, body)
                : send("PUT", "/api/v1/switchboard/config/" + path, auth, JSON, body, "If-Match", ifMatch[0]);
        assertEquals(r.body(), 200, r.statusCode());
    }

    @Test
    public void aBadSetUpIsRefusedWithItsProblemsAndChangesNothing() throws Exception {
        String boss = company("sb-bad", new String[1]);
        HttpResponse<String> loop = send("PUT", "/api/v1/switchboard/config/queues/support", boss, JSON,
                "{\"name\":\"Support\",\"maxWaitSeconds\":60,\"overflow\":{\"type\":\"menu\",\"target\":\"main\"}}",
                "If-Match", "\"1\"");
        assertEquals(loop.body(), 422, loop.statusCode());
        assertTrue(loop.body(), loop.body().contains("routing loop"));
        HttpResponse<String> missing = send("PUT", "/api/v1/switchboard/config/numbers/200", boss, JSON,
                "{\"destination\":{\"type\":\"group\",\"target\":\"nobody\"}}");
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("no answer group 'nobody'"));
        assertEquals(428, send("PUT", "/api/v1/switchboard/config/queues/support", boss, JSON, "{\"name\":\"x\"}")
                .statusCode());
        HttpResponse<String> unknownField = send("PUT", "/api/v1/switchboard/config/queues/other", boss, JSON,
                "{\"name\":\"x\",\"colour\":\"blue\"}");
        assertEquals(422, unknownField.statusCode());
        assertEquals(404, get("/api/v1/switchboard/config/trunks", boss).statusCode());
        assertTrue(get("/api/v1/switchboard/config/queues/support", boss).body().contains("\"maxWaitSeconds\":0"));
        assertEquals(404, send("POST", "/api/v1/switchboard/calls/no-such-call/hold", boss, JSON, "{}").statusCode());
    }

    @Test
    public void aCallGoesThroughMenuAndQueueToAnAgentAndLeavesItsRecordPathAndFigures() throws Exception {
        String[] agents = new String[2];
        String boss = company("sb-call", agents);
        RecordingNetwork network = network("sb-call");
        String caller = network.call(CALLER, "22000000");
        network.awaitCommand("the menu prompt", c -> c instanceof Command.Play p && p.prompt().equals("prompt-main"));
        network.press(caller, '2');
        String agent = network.awaitRing("the first agent", r -> agents[0].equals(r.to().user()));
        waitFor("the queued call on the live view", () -> body(boss, "/api/v1/switchboard/queues").contains("\"offered\":true"));
        network.answer(agent);
        network.awaitCommand("the bridge", c -> c instanceof Command.Bridge b && b.leg().equals(caller));
        waitFor("the connected call", () -> body(boss, "/api/v1/switchboard/calls").contains("\"state\":\"CONNECTED\""));
        network.hangUp(caller);

        waitFor("the CDR", () -> body(boss, "/api/v1/switchboard/call-log?all=true").contains("\"answered\":true"));
        String call = field(body(boss, "/api/v1/switchboard/call-log?all=true"), "call");
        String path = body(boss, "/api/v1/switchboard/call-log/" + call).replace("\": \"", "\":\"");
        for (String step : new String[] {"\"kind\":\"number\"", "\"kind\":\"menu\"", "pressed 2", "\"kind\":\"queue\"",
            "\"kind\":\"answered\""}) {
            assertTrue(path, path.contains(step));
        }
        waitFor("15-minute figures of the queue", () -> body(boss, "/api/v1/switchboard/stats/queue/support")
                .contains("\"answered\":1"));
        assertTrue(body(boss, "/api/v1/switchboard/call-log?user=" + agents[0]).contains("\"answered\":true"));
        assertTrue(executeCommand("sentral:queues sb-call").contains("support"));
    }

    @Test
    public void aCallbackKeepsItsPlaceAcrossARestartOfTheSwitchboard() throws Exception {
        String[] agents = new String[1];
        String boss = company("sb-callback", agents);
        assertEquals(200, send("PUT", "/api/v1/switchboard/agents/" + agents[0] + "/availability", boss, JSON,
                "{\"availability\":\"away\"}").statusCode());
        RecordingNetwork network = network("sb-callback");
        String caller = network.call(CALLER, "+4722000000");
        network.press(caller, '2');
        network.awaitCommand("the queue announcement", c -> c instanceof Command.Play p && p.prompt().equals("queue-position"));
        network.press(caller, '1');
        network.awaitCommand("the caller hung up after the confirmation", c -> c instanceof Command.Hangup h
                && h.leg().equals(caller));
        waitFor("the callback in the queue", () -> body(boss, "/api/v1/switchboard/queues").contains("\"callbacks\":1"));

        Bundle switchboard = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "sentral-switchboard".equals(b.getSymbolicName())).findFirst().orElseThrow();
        switchboard.stop();
        switchboard.start();
        // The bundle's REST resources join the API a moment after it starts (one endpoint build per burst).
        waitFor("the switchboard's resources back in the API", () -> status(boss, "/api/v1/switchboard/queues") == 200);
        waitFor("the callback back in its queue", () -> body(boss, "/api/v1/switchboard/queues").contains("\"callbacks\":1"));
        assertTrue(body(boss, "/api/v1/switchboard/agents").contains("\"availability\":\"AWAY\""));

        assertEquals(200, send("PUT", "/api/v1/switchboard/agents/" + agents[0] + "/availability", boss, JSON,
                "{\"availability\":\"available\"}").statusCode());
        String agent = network.awaitRing("the agent, offered the callback", r -> agents[0].equals(r.to().user())
                && CALLER.equals(r.callerId()));
        network.answer(agent);
        String back = network.awaitRing("the caller, called back", r -> CALLER.equals(r.to().number()) && r.to().user() == null);
        network.answer(back);
        network.awaitCommand("the bridge", c -> c instanceof Command.Bridge b && b.leg().equals(back));
        network.hangUp(back);
        waitFor("the CDR", () -> body(boss, "/api/v1/switchboard/call-log?all=true").contains("ANSWERED"));
        String path = body(boss, "/api/v1/switchboard/call-log/" + field(body(boss, "/api/v1/switchboard/call-log?all=true"), "call"));
        assertTrue(path, path.contains("requested at position 1") && path.contains("restored at position 1"));
        assertTrue(body(boss, "/api/v1/switchboard/queues").contains("\"callbacks\":0"));
    }

    /**
     * Who may do what: an employee manages their own availability and queue logins and sees their own
     * call log, but not others', nor the set-up, nor other calls; another company's calls are not found.
     */
    @Test
    public void employeesActForThemselvesOperatorsForAnyoneAndCompaniesStayApart() throws Exception {
        String[] agents = new String[2];
        String boss = company("sb-roles", agents);
        String dept = field(get("/api/v1/departments", boss).body(), "id");
        String kari = field(send("POST", "/api/v1/employees", boss, JSON, "{\"departmentId\":\"" + dept
                + "\",\"name\":\"Kari\",\"mobile\":\"+4790000009\",\"username\":\"kari@sb-roles\"}").body(), "id");
        executeCommand("sentral:account-add --password kari-password-123 sb-roles kari@sb-roles employee");
        executeCommand("sentral:account-add --password operator-password-1 sb-roles op@sb-roles switchboard-operator");
        String employee = basic("kari@sb-roles", "kari-password-123");
        String operator = basic("op@sb-roles", "operator-password-1");
        waitFor("Kari known to the switchboard", () -> {
            try {
                return send("PUT", "/api/v1/switchboard/agents/" + kari + "/availability", employee, JSON,
                        "{\"availability\":\"meeting\"}").statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(200, send("PUT", "/api/v1/switchboard/agents/" + kari + "/queues/support", employee, JSON, null)
                .statusCode());
        assertEquals(403, send("PUT", "/api/v1/switchboard/agents/" + agents[0] + "/availability", employee, JSON,
                "{\"availability\":\"away\"}").statusCode());
        assertEquals(200, send("PUT", "/api/v1/switchboard/agents/" + agents[0] + "/availability", operator, JSON,
                "{\"availability\":\"away\"}").statusCode());
        assertEquals(422, send("PUT", "/api/v1/switchboard/agents/" + kari + "/availability", employee, JSON,
                "{\"availability\":\"sleeping\"}").statusCode());
        assertEquals(403, get("/api/v1/switchboard/config", employee).statusCode());
        assertEquals(200, get("/api/v1/switchboard/config", operator).statusCode());
        assertEquals(403, send("PUT", "/api/v1/switchboard/config/queues/other", operator, JSON, "{\"name\":\"x\"}")
                .statusCode());
        assertEquals(200, get("/api/v1/switchboard/call-log", employee).statusCode());
        assertEquals(403, get("/api/v1/switchboard/call-log?all=true", employee).statusCode());
        assertEquals(403, get("/api/v1/switchboard/call-log?user=" + agents[0], employee).statusCode());
        assertEquals(403, get("/api/v1/switchboard/stats/queue/support", employee).statusCode());

        assertEquals(200, send("PUT", "/api/v1/switchboard/agents/" + agents[1] + "/availability", operator, JSON,
                "{\"availability\":\"off-work\"}").statusCode());
        RecordingNetwork network = network("sb-roles");
        network.call(CALLER, "+4722000000");
        waitFor("a waiting call", () -> body(boss, "/api/v1/switchboard/queues").contains("\"waiting\":1"));
        String call = field(body(operator, "/api/v1/switchboard/calls"), "call");
        assertEquals(403, send("POST", "/api/v1/switchboard/calls/" + call + "/take", employee, JSON, "{}").statusCode());
        String other = newCompany("sb-roles-other");
        assertEquals(404, send("POST", "/api/v1/switchboard/calls/" + call + "/take", other, JSON,
                "{\"user\":\"" + agents[1] + "\"}").statusCode());
        assertEquals(202, send("POST", "/api/v1/switchboard/calls/" + call + "/take", operator, JSON,
                "{\"user\":\"" + agents[1] + "\"}").statusCode());
        network.awaitRing("the colleague the operator chose", r -> agents[1].equals(r.to().user()));
    }

    /**
     * A busy stretch of a day from the call simulator (Poisson arrivals, callers who abandon or ask for a
     * callback, agents who sometimes let it ring), then the books must balance: every call that ended
     * has a CDR with a path, and the queue's 15-minute figures add up to exactly the calls that
     * passed through it, each counted once as answered, abandoned, overflowed or given up.
     */
    @Test
    public void aSimulatedDayOfTrafficLeavesBooksThatBalance() throws Exception {
        String[] agents = new String[4];
        String boss = company("sb-day", agents);
        put(boss, "queues/support", "{\"name\":\"Support\",\"strategy\":\"fewest_calls\",\"ringSeconds\":4,"
                + "\"maxWaitSeconds\":15,\"overflow\":{\"type\":\"voicemail\",\"target\":\"" + agents[0] + "\"},"
                + "\"announceSeconds\":3,\"callbackKey\":\"1\"}", "\"1\"");
        org.osgi.service.cm.ConfigurationAdmin configAdmin = bundleContext.getService(
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration simulator = configAdmin.getConfiguration("no.sentral.simulator", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("companies", new String[] {"sb-day=+4722000000"});
        settings.put("callsPerHour", 7200.0);
        settings.put("meanTalkSeconds", 1.5);
        settings.put("meanPatienceSeconds", 8.0);
        settings.put("callbackShare", 0.05);
        settings.put("answerSeconds", 0.5);
        settings.put("answerShare", 0.8);
        settings.put("ivrKeys", "2");
        settings.put("seed", 42L);
        simulator.update(settings);
        try {
            javax.sql.DataSource db = bundleContext.getService(bundleContext.getServiceReferences(
                    javax.sql.DataSource.class, "(dataSourceName=sentral)").iterator().next());
            waitFor("80 ended calls", () -> count(db, "SELECT count(*) FROM sb_cdr WHERE tenant = 'sb-day'") >= 80);
            settings.put("callsPerHour", 0.0);
            simulator.update(settings);
            String[] calls = {""};
            try {
                waitFor("the simulated callers gone (callbacks may wait)", () -> !(calls[0] = body(boss,
                        "/api/v1/switchboard/calls")).replace("\"state\":\"QUEUED\"", "").contains("\"state\""));
            } catch (AssertionError e) {
                // No cause: Pax Exam reports the root cause of what the container threw, which would hide the calls.
                throw new AssertionError(e.getMessage() + "; calls left: " + calls[0]);
            }
            Thread.sleep(2000);
            assertEquals("CDRs without a path", 0, count(db, "SELECT count(*) FROM sb_cdr WHERE tenant = 'sb-day'"
                    + " AND (jsonb_array_length(path) = 0 OR path -> 0 ->> 'kind' <> 'number')"));
            assertEquals("answered without someone who answered", 0, count(db, "SELECT count(*) FROM sb_cdr WHERE"
                    + " tenant = 'sb-day' AND disposition = 'ANSWERED' AND answered_by IS NULL"));
            long queued = count(db, "SELECT count(*) FROM sb_cdr WHERE tenant = 'sb-day' AND path @> '[{\"kind\":\"queue\"}]'");
            long offered = count(db, "SELECT coalesce(sum(offered), 0) FROM sb_stats WHERE tenant = 'sb-day' AND kind = 'queue'");
            long outcomes = count(db, "SELECT coalesce(sum(answered + abandoned + overflowed + callbacks_failed), 0)"
                    + " FROM sb_stats WHERE tenant = 'sb-day' AND kind = 'queue'");
            long answered = count(db, "SELECT coalesce(sum(answered), 0) FROM sb_stats WHERE tenant = 'sb-day' AND kind = 'queue'");
            assertEquals("queue visits in the figures vs CDRs through the queue", queued, offered);
            assertEquals("each visit ends one way", offered, outcomes);
            assertEquals("answered in the figures vs answered CDRs", count(db, "SELECT count(*) FROM sb_cdr WHERE"
                    + " tenant = 'sb-day' AND disposition = 'ANSWERED' AND path @> '[{\"kind\":\"queue\"}]'"), answered);
            assertTrue("some answered, some abandoned: " + body(boss, "/api/v1/switchboard/queues"), answered > 20
                    && count(db, "SELECT coalesce(sum(abandoned), 0) FROM sb_stats WHERE tenant = 'sb-day'") > 0);
        } finally {
            simulator.delete();
        }
    }

    private static long count(javax.sql.DataSource db, String sql) {
        try (java.sql.Connection c = db.getConnection(); java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int status(String auth, String path) {
        try {
            return get(path, auth).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String body(String auth, String path) {
        try {
            HttpResponse<String> r = get(path, auth);
            if (r.statusCode() != 200) {
                throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
