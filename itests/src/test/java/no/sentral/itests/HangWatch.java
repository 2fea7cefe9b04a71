package no.sentral.itests;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.runner.Description;
import org.junit.runner.notification.RunListener;

/**
 * Ends a hang in the integration tests instead of letting it hold the suite until CI's budget for
 * everything is spent. Pax Exam runs each test in a Karaf container over RMI with no time limit and
 * ignores JUnit rules there, so this watches from the test JVM (a failsafe listener): when no test
 * or test class has started or finished for {@link #LIMIT}, it writes what every thread of every
 * JVM it started (the containers) and of its own was doing into the reports, prints it, and kills
 * those JVMs; the hung test then fails and the suite goes on with the next class.
 */
@RunListener.ThreadSafe
public class HangWatch extends RunListener {

    /** The slowest test takes about 80 s, the slowest container start about 40 s; -Dsentral.it.hangSeconds to try it. */
    static final Duration LIMIT = Duration.ofSeconds(Long.getLong("sentral.it.hangSeconds", 360));

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hang-watch");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> alarm;
    private String current = "the first test class";

    @Override
    public void testSuiteStarted(Description description) {
        progress("starting " + description.getDisplayName());
    }

    @Override
    public void testSuiteFinished(Description description) {
        progress("ending " + description.getDisplayName());
    }

    @Override
    public void testStarted(Description description) {
        progress(description.getDisplayName());
    }

    @Override
    public void testFinished(Description description) {
        progress("after " + description.getDisplayName());
    }

    private synchronized void progress(String what) {
        current = what;
        if (alarm != null) {
            alarm.cancel(false);
        }
        alarm = timer.schedule(() -> hung(what), LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void hung(String what) {
        synchronized (this) {
            if (!what.equals(current)) {
                return;
            }
        }
        String headline = "HANG: nothing happened for " + LIMIT.toSeconds() + " s in " + what + "\n";
        StringBuilder report = new StringBuilder(headline);
        StringBuilder ours = new StringBuilder(headline);
        List<ProcessHandle> jvms = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
        for (ProcessHandle jvm : jvms) {
            String title = "\n=== threads of JVM " + jvm.pid() + " " + jvm.info().arguments()
                    .map(a -> a.length > 0 ? a[a.length - 1] : "").orElse("") + "\n";
            String threads = jcmd(jvm);
            report.append(title).append(threads);
            ours.append(title).append(sentralThreads(threads));
        }
        report.append("\n=== threads of the test JVM\n").append(Threads.dump(false));
        Path file = Path.of(System.getProperty("project.build.directory", "target"), "hang-" + System.currentTimeMillis()
                + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
        } catch (IOException e) {
            report.append("\n(could not write ").append(file).append(": ").append(e).append(')');
        }
        // Straight to the process's stderr: the tests' own output goes to report files, and CI shows only the console.
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        console.println(report);
        console.println(ours);
        console.println("HANG: the report is in " + file + "; killing " + jvms.size() + " container JVM(s)");
        for (ProcessHandle jvm : jvms) {
            jvm.descendants().forEach(ProcessHandle::destroyForcibly);
            jvm.destroyForcibly();
        }
        progress("after the hang in " + what);
    }

    private static String jcmd(ProcessHandle jvm) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "Thread.print", "-l")
                    .redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            process.waitFor(30, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(jcmd failed: " + e + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)\n";
        }
    }

    /**
     * The threads of a {@code jcmd Thread.print} that run Sentral's or the tests' code, each cut to its top
     * frames: the part of the report to read first, printed last so that it is what a console's tail shows.
     */
    static String sentralThreads(String threadPrint) {
        StringBuilder kept = new StringBuilder();
        for (String thread : threadPrint.split("\n\\s*\n")) {
            if (thread.contains("no.sentral.")) {
                thread.lines().limit(16).forEach(line -> kept.append(line).append('\n'));
                kept.append('\n');
            }
        }
        return kept.toString();
    }
}
