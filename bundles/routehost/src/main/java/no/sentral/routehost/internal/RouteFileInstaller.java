package no.sentral.routehost.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.apache.felix.fileinstall.ArtifactListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Lets Karaf's {@code deploy/} folder take Camel XML route files: dropping one adds its routes to
 * the route host, changing it replaces them, deleting it removes them. Felix FileInstall watches
 * the folder; this is its plug-in for our kind of file.
 */
@Component(service = {ArtifactInstaller.class, ArtifactListener.class})
public class RouteFileInstaller implements ArtifactInstaller {

    private final RouteHost host;

    @Activate
    public RouteFileInstaller(@Reference RouteHost host) {
        this.host = host;
    }

    @Override
    public boolean canHandle(File artifact) {
        return RouteFiles.isRoutesFile(artifact.toPath());
    }

    @Override
    public void install(File artifact) {
        String owner = owner(artifact);
        try {
            host.registry().deployXml(owner, artifact.getName(), Files.readString(artifact.toPath()));
        } catch (IOException e) {
            host.registry().failed(owner, "cannot read " + artifact + ": " + e.getMessage());
        }
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        host.registry().undeploy(owner(artifact));
    }

    private static String owner(File artifact) {
        return "file:" + artifact.getAbsolutePath();
    }
}
