package no.sentral.prebuilt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The distribution ships its boot features already installed (data/cache, made at build time by
 * karaf-assembly's preresolve.sh), so a first start skips resolving and installing them. That is only
 * right while the boot features are the ones it was built from: on the first start this bundle (start
 * level 14, before the features service at 15) compares etc/org.apache.karaf.features.cfg and
 * etc/org.apache.karaf.features.xml with their copies in data/prebuilt. If either was edited (by hand, or
 * by Pax Exam, which adds its own features), it uninstalls every bundle the features service installed and
 * deletes that service's state, so the features service installs the edited boot features from nothing,
 * exactly as in a distribution without the cache. Either way data/prebuilt is then deleted: later starts
 * are ordinary restarts. It logs nothing: at start level 14 pax-logging is not configured yet and passes
 * only errors on (CleanLogIT proves the outcome instead).
 */
public final class PrebuiltBoot implements BundleActivator {

    private static final String FEATURES_BUNDLE = "org.apache.karaf.features.core";

    @Override
    public void start(BundleContext context) throws Exception {
        Path built = Path.of(System.getProperty("karaf.data"), "prebuilt");
        if (!Files.isDirectory(built)) {
            return;
        }
        Path etc = Path.of(System.getProperty("karaf.etc"));
        if (!edited(built, etc).isEmpty()) {
            startAfresh(context, etc);
        }
        deleteTree(built);
    }

    @Override
    public void stop(BundleContext context) {
    }

    /** The files in {@code built} whose counterpart in {@code etc} is missing or has other content. */
    static List<String> edited(Path built, Path etc) throws IOException {
        List<String> edited = new ArrayList<>();
        try (Stream<Path> files = Files.list(built)) {
            for (Path file : files.sorted().toList()) {
                Path now = etc.resolve(file.getFileName().toString());
                if (!Files.exists(now) || Files.mismatch(file, now) != -1) {
                    edited.add(file.getFileName().toString());
                }
            }
        }
        return edited;
    }

    /** Leaves the framework as a first start without the cache finds it: only the startup bundles, no features state. */
    private static void startAfresh(BundleContext context, Path etc) throws IOException, BundleException,
            InterruptedException {
        Properties startup = new Properties();
        try (InputStream in = Files.newInputStream(etc.resolve("startup.properties"))) {
            startup.load(in);
        }
        Bundle features = null;
        for (Bundle bundle : context.getBundles()) {
            if (FEATURES_BUNDLE.equals(bundle.getSymbolicName())) {
                features = bundle;
            }
            if (bundle.getBundleId() != 0 && !startup.containsKey(bundle.getLocation())) {
                bundle.uninstall();
            }
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        Collection<Bundle> pending = wiring.getRemovalPendingBundles();
        if (!pending.isEmpty()) {
            CountDownLatch refreshed = new CountDownLatch(1);
            wiring.refreshBundles(pending, event -> refreshed.countDown());
            if (!refreshed.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the uninstalled prebuilt bundles were not refreshed within 2 minutes");
            }
        }
        if (features == null) {
            throw new IllegalStateException("no " + FEATURES_BUNDLE + " among the startup bundles");
        }
        // The features service keeps its state in its bundle's data area; Felix lays that out as bundle<id>/data.
        Path data = Path.of(context.getProperty("org.osgi.framework.storage"), "bundle" + features.getBundleId(), "data");
        Files.deleteIfExists(data.resolve("state.json"));
        Files.deleteIfExists(data.resolve("digraph.json"));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
