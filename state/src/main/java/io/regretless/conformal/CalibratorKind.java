package io.regretless.conformal;

/** The calibration methods, with the short names used on the wire, in state and in reports. */
public enum CalibratorKind {
    /** Split conformal over all past scores (exact up to {@link CalibratorConfig#exactHistory()}, then summarised). */
    SCP("scp"),
    /** Split conformal over a sliding window of the last {@link CalibratorConfig#window()} scores. */
    SCP_WINDOW("scp-window"),
    /** Non-exchangeable split conformal (Barber et al. 2022), geometric weights γ = c + 3(1 − c)/4. */
    NEXCP("nexcp"),
    /** Adaptive conformal inference (Gibbs &amp; Candès 2021). */
    ACI("aci"),
    /** Fully adaptive conformal inference (Gibbs &amp; Candès 2022). */
    FACI("faci"),
    /** Scale-free online gradient descent on the pinball loss (Orabona &amp; Pál 2016). */
    SF_OGD("sf-ogd"),
    /** FACI run on the radius instead of the quantile level (Bhatnagar et al. 2023). */
    FACI_S("faci-s"),
    /** Strongly adaptive online conformal prediction (Bhatnagar et al. 2023). */
    SAOCP("saocp"),
    /** The quantile tracker of Angelopoulos, Candès &amp; Tibshirani 2023, for reference. */
    QUANTILE_TRACKER("quantile-tracker"),
    /** The recommended calibrator: see {@link DefaultCalibrator}. */
    DEFAULT("default"),
    /** Coverage on every group of a prediction at once: see {@link MultivalidCalibrator}. */
    MULTIVALID("multivalid");

    private final String wireName;

    CalibratorKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a wire name ({@code sf-ogd}) or an enum name ({@code SF_OGD}), case-insensitively. */
    public static CalibratorKind parse(String name) {
        for (CalibratorKind kind : values()) {
            if (kind.wireName.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown calibrator '" + name + "'");
    }
}
