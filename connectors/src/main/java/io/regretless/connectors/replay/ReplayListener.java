package io.regretless.connectors.replay;

/**
 * Receives progress from {@link BanditReplay#run}, on the replay's thread, at most once per
 * {@link ReplaySettings#progressInterval()} and once more when the run is complete. Keep it
 * quick (draw a progress bar, log a line); an exception it throws aborts the run.
 */
@FunctionalInterface
public interface ReplayListener {

    ReplayListener NONE = progress -> { };

    void onProgress(ReplayProgress progress);
}
