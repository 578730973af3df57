package io.regretless.ops.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a command that runs until it is stopped ({@code run}, {@code broker}) ends: on SIGTERM or
 * Ctrl-C, or when what it runs fails ({@link #stop()}).
 *
 * <p>The JVM answers a signal by running its shutdown hooks and then exiting with status 128 plus
 * the signal's number (143 after SIGTERM) whatever the command returns, and supervisors read 143 as
 * a crash. So the hook here only asks the command to stop and waits: the command closes in its own
 * thread and reports its status with {@link #finish(int)}; when the command is the whole process
 * ({@link #exitWithCommandStatus()}, which {@code Main.main} calls) the hook then ends the JVM with
 * that status, 0 after a clean stop. Run inside another program (a test), it never ends the JVM.
 */
public final class StopSignal {
    /** How long the hook waits for the command to close before it gives up (a hung close). */
    private static final long CLOSE_WAIT_SECONDS = 120;
    private static volatile boolean processExit;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean signalled;
    private volatile int status = 1;

    /** Registers the hook; {@code name} names its thread. Call {@link #finish(int)} once, in a finally block. */
    StopSignal(String name) {
        hook = new Thread(this::onSignal, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The commands are the process: a signal ends it with the command's own exit status. */
    public static void exitWithCommandStatus() {
        processExit = true;
    }

    private void onSignal() {
        signalled = true;
        requested.countDown();
        boolean closed = false;
        try {
            closed = finished.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (processExit) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(closed ? status : 1);
        }
    }

    /** Ends the wait without a signal, e.g. because what the command runs has failed. */
    void stop() {
        requested.countDown();
    }

    /** Waits for SIGTERM, Ctrl-C or {@link #stop()}. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Whether the wait ended by a signal (the JVM is shutting down). */
    boolean signalled() {
        return signalled;
    }

    /** The command has closed everything: exit with {@code exitStatus}. */
    void finish(int exitStatus) {
        status = exitStatus;
        finished.countDown();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it takes the status from here
            }
        }
    }
}
