package no.sentral.webconsole.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventBackbone;
import no.sentral.api.health.HealthReport;
import no.sentral.api.health.SystemHealth;
import no.sentral.api.security.Secrets;
import no.sentral.api.security.Tenants;
import no.sentral.api.switchboard.Wallboard;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The Sentral page of the Karaf web console ({@code /system/console/sentral}), behind the console's admin
 * login: health, companies, live queues per company, the DLQ with retry and discard, recent events.
 * Retry and discard are POSTs carrying this page's token, from the console's own origin: a page of
 * another site cannot read the token, so it cannot make an admin's browser retry or discard (CSRF).
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + SentralPlugin.LABEL,
    "felix.webconsole.title=Sentral",
    "felix.webconsole.category=Sentral"})
public class SentralPlugin extends AbstractWebConsolePlugin {

    static final String LABEL = "sentral";
    static final int DEAD_LETTERS = 50;
    static final int RECENT_EVENTS = 30;

    private final String token = Secrets.random(24);

    @Reference
    SystemHealth health;

    @Reference
    Tenants tenants;

    @Reference
    EventBackbone backbone;

    /** The switchboard is a feature of its own: without it the page shows no queues. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Wallboard wallboard;

    @Override
    public String getLabel() {
        return LABEL;
    }

    @Override
    public String getTitle() {
        return "Sentral";
    }

    @Override
    public String getCategory() {
        return "Sentral";
    }

    @Override
    protected void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        Page page = new Page(out);
        String done = request.getParameter("done");
        if (done != null) {
            page.paragraph(done);
        }
        HealthReport report = health.report();
        page.heading("Health: " + (report.up() ? "UP" : "DOWN"));
        page.table(List.of("Kind", "Name", "State", "Detail"), report.items().stream().map(i -> List.<Object>of(
                i.kind(), i.name(), i.up() ? "UP" : "DOWN", i.detail() == null ? "" : i.detail())).toList());

        page.heading("Companies");
        page.table(List.of("Id", "Name"), tenants.list().stream().map(t -> List.<Object>of(t.id(), t.name())).toList());

        Wallboard board = wallboard;
        if (board != null) {
            for (String tenant : board.companies()) {
                page.heading("Queues of " + tenant);
                page.table(List.of("Queue", "Kind", "Waiting", "Callbacks", "Longest wait", "Colour", "Agents", "Free",
                        "Answered", "Abandoned", "Service level %", "ASA s"), board.lines(tenant).stream()
                        .map(l -> List.<Object>of(l.name() + " (" + l.id() + ")", l.kind(), l.waiting(), l.callbacks(),
                                l.longestWaitSeconds() + " s", l.colour(), l.agentsLoggedIn(), l.agentsFree(),
                                l.answered(), l.abandoned(), dash(l.serviceLevelPercent()),
                                dash(l.averageAnswerSeconds()))).toList());
            }
        }

        List<EventBackbone.DeadLetter> letters = backbone.deadLetters(DEAD_LETTERS);
        page.heading("Dead letters (" + letters.size() + (letters.size() == DEAD_LETTERS ? " or more" : "") + ")");
        page.deadLetters(letters, token);

        page.heading("Recent events");
        List<CloudEvent> recent = new ArrayList<>(backbone.recent(RECENT_EVENTS));
        Collections.reverse(recent);
        page.table(List.of("Time", "Type", "Company", "Subject", "Id"), recent.stream()
                .map(e -> List.<Object>of(e.time() == null ? "" : e.time(), e.type(), e.tenant(),
                        e.subject() == null ? "" : e.subject(), e.id())).toList());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!sameOrigin(request) || !validToken(request.getParameter("token"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "not from this console's page");
            return;
        }
        String action = request.getParameter("action");
        String event = request.getParameter("event");
        if (event == null || event.isBlank() || !("retry".equals(action) || "discard".equals(action))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "action must be retry or discard, with an event");
            return;
        }
        boolean taken = "retry".equals(action) ? backbone.retry(event) : backbone.discard(event);
        String done = !taken ? "Event " + event + " is no longer on the DLQ."
                : "retry".equals(action) ? "Event " + event + " was given back to its consumer."
                : "Event " + event + " was discarded.";
        // Post/redirect/get: reloading the page does not repeat the action.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + request.getServletPath() + "/" + LABEL + "?done="
                + URLEncoder.encode(done, StandardCharsets.UTF_8));
    }

    private boolean validToken(String presented) {
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The browser says where a form was posted from (Origin, else Referer); it must be this server. */
    static boolean sameOrigin(HttpServletRequest request) {
        String from = request.getHeader("Origin");
        if (from == null || from.equals("null")) {
            from = request.getHeader("Referer");
        }
        if (from == null) {
            return true;
        }
        try {
            URI uri = URI.create(from);
            return request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == (uri.getPort() == -1 ? defaultPort(uri.getScheme()) : uri.getPort());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static Object dash(Object value) {
        return value == null ? "-" : value;
    }
}
