package no.sentral.health.internal;

import no.sentral.api.event.EventBackbone;
import no.sentral.api.health.HealthReport;
import no.sentral.api.health.SystemHealth;
import no.sentral.api.routes.Deployment;
import no.sentral.api.routes.RouteDeployments;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sentral", name = "status",
        description = "Health of Sentral: checks (broker, database), bundles, broker queues, deployed routes")
@Service
public class StatusCommand implements Action {

    @Reference
    SystemHealth health;

    // The event backbone and the route host are features of their own; status shows what is installed.
    @Reference(optional = true)
    EventBackbone backbone;

    @Reference(optional = true)
    RouteDeployments routes;

    @Override
    public Object execute() {
        HealthReport report = health.report();
        System.out.println("Sentral is " + (report.up() ? "UP" : "DOWN") + " (" + report.at() + ")");
        System.out.println();
        ShellTable items = table("KIND", "NAME", "STATE", "DETAIL");
        for (HealthReport.Item item : report.items()) {
            items.addRow().addContent(item.kind(), item.name(), item.up() ? "UP" : "DOWN", item.detail());
        }
        items.print(System.out);
        if (backbone != null) {
            System.out.println();
            try {
                ShellTable queues = table("ADDRESS", "QUEUE", "DEPTH", "CONSUMERS");
                for (EventBackbone.QueueInfo q : backbone.queues()) {
                    queues.addRow().addContent(q.address(), q.queue(), q.depth(), q.consumers());
                }
                queues.print(System.out);
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
            }
        }
        if (routes != null) {
            System.out.println();
            ShellTable deployed = table("ROUTES FROM", "STATE", "ROUTES / ERROR");
            for (Deployment d : routes.deployments()) {
                deployed.addRow().addContent(d.owner(), d.failed() ? "FAILED" : "OK",
                        d.failed() ? d.error() : String.join(", ", d.routeIds()));
            }
            deployed.print(System.out);
        }
        return null;
    }

    private static ShellTable table(String... columns) {
        ShellTable table = new ShellTable();
        for (String column : columns) {
            table.column(column);
        }
        return table;
    }
}
