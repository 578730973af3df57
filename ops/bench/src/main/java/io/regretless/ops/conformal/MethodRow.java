package io.regretless.ops.conformal;

import java.util.ArrayList;
import java.util.List;

import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;

/**
 * One calibrator configuration as a row of the series benchmark, named as the conformal-reference files name it
 * ({@code SCP}, {@code ACI(g=0.05)}, ...), or {@code default}.
 *
 * @param name     the row's name
 * @param kind     the calibrator
 * @param aciGamma ACI's step (the other settings are the defaults)
 */
public record MethodRow(String name, CalibratorKind kind, double aciGamma) {

    /** The reference's nine methods, in its order, then {@code default}. */
    public static List<MethodRow> all() {
        List<MethodRow> rows = new ArrayList<>(reference());
        rows.add(new MethodRow("default", CalibratorKind.DEFAULT, 0.005));
        return rows;
    }

    public static List<MethodRow> reference() {
        return List.of(
            new MethodRow("SCP", CalibratorKind.SCP, 0.005),
            new MethodRow("NExCP", CalibratorKind.NEXCP, 0.005),
            new MethodRow("ACI(g=0.005)", CalibratorKind.ACI, 0.005),
            new MethodRow("ACI(g=0.05)", CalibratorKind.ACI, 0.05),
            new MethodRow("FACI", CalibratorKind.FACI, 0.005),
            new MethodRow("SF-OGD", CalibratorKind.SF_OGD, 0.005),
            new MethodRow("FACI-S", CalibratorKind.FACI_S, 0.005),
            new MethodRow("SAOCP", CalibratorKind.SAOCP, 0.005),
            new MethodRow("QT(lr=0.1)", CalibratorKind.QUANTILE_TRACKER, 0.005));
    }

    /** Rows by name (the reference's names, case-insensitive) or by calibrator wire name; {@code all}: every row. */
    public static List<MethodRow> parse(String list) {
        if (list.equalsIgnoreCase("all")) {
            return all();
        }
        List<MethodRow> out = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.trim();
            MethodRow row = all().stream().filter(r -> r.name.equalsIgnoreCase(n)).findFirst().orElse(null);
            if (row == null) {
                CalibratorKind kind = CalibratorKind.parse(n);
                row = new MethodRow(kind.wireName(), kind, 0.005);
            }
            out.add(row);
        }
        return out;
    }

    public CalibratorConfig config(double target) {
        return CalibratorConfig.of(target).withAciGamma(aciGamma);
    }
}
