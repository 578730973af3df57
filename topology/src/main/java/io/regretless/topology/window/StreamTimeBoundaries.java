package io.regretless.topology.window;

import java.time.Duration;

/**
 * Decides when to close expired windows so that the result depends only on the sequence of records,
 * never on when a task happened to start: windows are closed up to the last multiple of the
 * interval that stream time has reached, right after the record that reached it.
 *
 * <p>A wall-clock or stream-time punctuator would close windows at points that move when a task
 * restarts (its schedule starts over), so a default reward could be learned before or after a
 * given reward depending on crashes. Here a restarted task closes, at its first record, exactly the
 * windows the uninterrupted run had closed by then, and so learns in the same order.
 */
public final class StreamTimeBoundaries {
    /** Returned by {@link #crossed} when no new boundary was reached. */
    public static final long NONE = Long.MIN_VALUE;

    private final long interval;
    private long last = NONE;

    public StreamTimeBoundaries(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.interval = interval.toMillis();
    }

    /** The boundary to close windows up to (inclusive) if {@code streamTime} reached a new one, else {@link #NONE}. */
    public long crossed(long streamTime) {
        long boundary = Math.floorDiv(streamTime, interval) * interval;
        if (boundary > last) {
            last = boundary;
            return boundary;
        }
        return NONE;
    }
}
