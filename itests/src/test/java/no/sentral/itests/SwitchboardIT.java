package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.Hashtable;
import javax.inject.Inject;
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

    @Inject
    CallControl control;

    private ServiceRegistration<TelephonyAdapter> registration;

    @After
    public void disconnect() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private RecordingNetwork network(String tenant) {
        RecordingNetwork network = new RecordingNetwork(control, tenant);
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

    private void put(String auth, String path, String body) throws Exception {
        HttpResponse<String> r = send("PUT", "/api/v1/switchboard/config/" + path, auth, JSON, body);
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
        String path = body(boss, "/api/v1/switchboard/call-log/" + call);
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
