package io.regretless.ops.cli;

import java.io.PrintStream;
import java.util.Map;

import io.regretless.connectors.replay.ReplayProgress;

/** One line, redrawn in place: how far the replay is and each model's running average reward. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    void show(ReplayProgress progress) {
        int filled = (int) Math.round(progress.fraction() * WIDTH);
        StringBuilder line = new StringBuilder("\r[");
        line.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        line.append(String.format("%3.0f%% %,d/%,d", 100 * progress.fraction(), progress.done(), progress.total()));
        for (Map.Entry<String, Double> model : progress.averages().entrySet()) {
            double average = model.getValue();
            line.append("  ").append(model.getKey()).append(' ')
                .append(Double.isNaN(average) ? "  -  " : String.format("%.3f", average));
        }
        out.print(line);
        out.flush();
    }

    void finish() {
        out.println();
    }
}
