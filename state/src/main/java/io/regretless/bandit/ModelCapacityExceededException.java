package io.regretless.bandit;

/** Learning would grow a model beyond its configured bound on arms (and so on state size). */
public final class ModelCapacityExceededException extends RuntimeException {
    public ModelCapacityExceededException(String message) {
        super(message);
    }
}
