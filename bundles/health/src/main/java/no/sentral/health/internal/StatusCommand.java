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
        System.out.printf("%-8s %-34s %-5s %s%n", "KIND", "NAME", "STATE", "DETAIL");
        for (HealthReport.Item item : report.items()) {
            System.out.printf("%-8s %-34s %-5s %s%n", item.kind(), item.name(), item.up() ? "UP" : "DOWN",
                    item.detail());
        }
        if (backbone != null) {
            System.out.println();
            System.out.printf("%-44s %-44s %8s %9s%n", "ADDRESS", "QUEUE", "DEPTH", "CONSUMERS");
            try {
                for (EventBackbone.QueueInfo q : backbone.queues()) {
                    System.out.printf("%-44s %-44s %8d %9d%n", q.address(), q.queue(), q.depth(), q.consumers());
                }
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
            }
        }
        if (routes != null) {
            System.out.println();
            System.out.printf("%-60s %-6s %s%n", "ROUTES FROM", "STATE", "ROUTES / ERROR");
            for (Deployment d : routes.deployments()) {
                System.out.printf("%-60s %-6s %s%n", d.owner(), d.failed() ? "FAILED" : "OK",
                        d.failed() ? d.error() : String.join(", ", d.routeIds()));
            }
        }
        return null;
    }
}
