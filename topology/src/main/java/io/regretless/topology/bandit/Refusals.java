package io.regretless.topology.bandit;

import io.regretless.connectors.decide.RequestRefusedException;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;

/** A request the shared checks refused, as the dead letter it becomes in the stream. */
final class Refusals {
    private Refusals() {
    }

    static InvalidRecordException deadLetter(RequestRefusedException e) {
        return new InvalidRecordException(DeadLetterReason.valueOf(e.reason()), e.getMessage());
    }
}
