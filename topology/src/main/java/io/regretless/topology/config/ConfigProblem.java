package io.regretless.topology.config;

/**
 * One thing wrong with a configuration, said so that it can be fixed.
 *
 * @param setting the property it is about (so a caller can say where that property came from), or
 *                null when it is about several
 * @param message the whole sentence, which names the property itself
 */
public record ConfigProblem(String setting, String message) {
    public ConfigProblem {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a message");
        }
    }

    @Override
    public String toString() {
        return message;
    }
}
