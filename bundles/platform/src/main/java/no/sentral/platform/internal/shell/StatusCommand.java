package no.sentral.platform.internal.shell;

import java.util.Map;
import no.sentral.api.health.HealthReport;
import no.sentral.api.health.SystemHealth;
import no.sentral.platform.internal.events.BrokerQueues;
import no.sentral.platform.internal.routes.BlueprintFailures;
import no.sentral.platform.internal.routes.Deployment;
import no.sentral.platform.internal.routes.RouteHost;
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

    @Reference
    RouteHost routeHost;

    @Reference
    BlueprintFailures blueprintFailures;

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
        System.out.println();
        System.out.printf("%-44s %-44s %8s %9s%n", "ADDRESS", "QUEUE", "DEPTH", "CONSUMERS");
        try {
            for (BrokerQueues.QueueInfo q : BrokerQueues.sentralQueues()) {
                System.out.printf("%-44s %-44s %8d %9d%n", q.address(), q.queue(), q.depth(), q.consumers());
            }
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
        }
        System.out.println();
        System.out.printf("%-60s %-6s %s%n", "ROUTES FROM", "STATE", "ROUTES / ERROR");
        for (Deployment d : routeHost.registry().deployments()) {
            System.out.printf("%-60s %-6s %s%n", d.owner(), d.failed() ? "FAILED" : "OK",
                    d.failed() ? d.error() : String.join(", ", d.routeIds()));
        }
        for (Map.Entry<String, String> failure : blueprintFailures.failures().entrySet()) {
            System.out.printf("%-60s %-6s %s%n", "blueprint:" + failure.getKey(), "FAILED", failure.getValue());
        }
        return null;
    }
}
