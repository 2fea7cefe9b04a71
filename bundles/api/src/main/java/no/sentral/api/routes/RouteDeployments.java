package no.sentral.api.routes;

import java.util.List;

/** What the route host runs: each source of routes with its route ids, or why it failed. */
public interface RouteDeployments {

    /**
     * Every route bundle, Blueprint route source and route file deployed now, and every file in
     * {@code deploy/} that failed to deploy, by owner.
     */
    List<Deployment> deployments();
}
