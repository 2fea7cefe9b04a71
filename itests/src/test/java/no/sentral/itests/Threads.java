package no.sentral.itests;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the threads of this JVM are doing, and calls that may not take longer than they should. */
final class Threads {

    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "itest-bounded-call");
        thread.setDaemon(true);
        return thread;
    });

    private Threads() {
    }

    /**
     * Runs {@code call} on another thread and waits at most {@code limit} for it: a call that hangs then fails
     * the test with what Sentral's threads were doing, instead of holding the suite (Pax Exam runs tests in
     * the container with no time limit of its own).
     */
    static <T> T bounded(String what, Duration limit, Callable<T> call) throws Exception {
        Future<T> result = CALLS.submit(call);
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String threads = dump(true);
            result.cancel(true);
            throw new AssertionError(what + " took longer than " + limit.toSeconds() + " s; Sentral's threads then:\n"
                    + threads);
        } catch (ExecutionException e) {
            // What the call threw, also from inside a future it waited for (an HTTP exchange's IOException).
            Throwable cause = e.getCause();
            while (cause instanceof ExecutionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    /** Every thread's state, what it waits for and its stack; with {@code sentralOnly}, threads running Sentral's or the tests' code. */
    static String dump(boolean sentralOnly) {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            StackTraceElement[] frames = thread.getStackTrace();
            boolean sentral = false;
            for (StackTraceElement frame : frames) {
                sentral |= frame.getClassName().startsWith("no.sentral.");
            }
            if (sentralOnly && !sentral) {
                continue;
            }
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                dump.append(" held by \"").append(thread.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            for (StackTraceElement frame : frames) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }
}
