package io.regretless.ops.report;

/**
 * The output topics the report reads, and what identifies one record of each: a replay from
 * offset 0 or an at-least-once restart writes a record again with the same identity, and the
 * report keeps only the first one read. Evaluation records carry no label id, so their identity
 * is the running count they report, which a replay of the same labels (or feedback) reproduces.
 */
enum ReportTopic {
    FEEDBACK("feedback", "model and request id"),
    EVALUATION("evaluation", "series and scored-label count (the n-th label scored)"),
    GROUP_EVALUATION("group-evaluation", "model, group and round count (the n-th label of the group)"),
    COMBINED("combined", "model and case id"),
    POLICY_EVALUATION("policy-evaluation", "model and decisions scored (the shadow estimates after the n-th)"),
    DEAD_LETTERS("dead-letters", "source topic, partition and offset of the refused record "
        + "(refusals from punctuations have none and are all kept)");

    private final String suffix;
    private final String identity;

    ReportTopic(String suffix, String identity) {
        this.suffix = suffix;
        this.identity = identity;
    }

    /** The topic's name after the deployment's prefix, e.g. "feedback". */
    String suffix() {
        return suffix;
    }

    /** What makes two records of this topic the same record, in words for the page. */
    String identity() {
        return identity;
    }
}
