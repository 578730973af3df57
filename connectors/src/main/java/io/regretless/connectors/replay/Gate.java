package io.regretless.connectors.replay;

/** Counts outstanding operations, lets one thread wait for room or for zero, keeps the first failure. */
final class Gate {
    private int outstanding;
    private int peak;
    private Throwable failure;

    /** Waits until fewer than {@code max} are outstanding, then counts one more. */
    synchronized void enter(int max) throws InterruptedException {
        while (outstanding >= max) {
            wait();
        }
        outstanding++;
        peak = Math.max(peak, outstanding);
    }

    synchronized void leave(Throwable error) {
        outstanding--;
        if (error != null && failure == null) {
            failure = error;
        }
        notifyAll();
    }

    synchronized void awaitZero() throws InterruptedException {
        while (outstanding > 0) {
            wait();
        }
    }

    synchronized Throwable failure() {
        return failure;
    }

    synchronized int peak() {
        return peak;
    }
}
