package io.regretless.ops.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.features.DeclaredFeatures;
import io.regretless.ops.evaluation.EvaluationTable;
import io.regretless.ops.evaluation.OfflineEvaluation;
import io.regretless.ops.report.TopicReader;
import io.regretless.schemas.Topics;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.config.ShadowConfig;

/**
 * Offline evaluation: candidate policies scored on a model's logged feedback — from the feedback
 * topic or an exported JSON-lines file — progressively, by the code the application's shadow
 * evaluation runs, and one table printed: candidate, estimator, estimate, 95 % intervals, effective
 * sample size, largest weight.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate candidate policies on a model's logged feedback (the feedback topic, or a JSON-lines file of "
        + "Feedback records), off-policy: each logged decision is scored with a candidate's probabilities before the "
        + "candidate learns it. Prints DM, IPS, clipped IPS, SNIPS and DR with 95 % intervals and effective sample sizes.")
public final class EvaluateCommand implements Callable<Integer> {
    static final List<String> ESTIMATORS = List.of("dm", "ips", "clipped-ips", "snips", "dr");

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "The application's properties: the model's configuration (for 'deployed' and the defaults) and, "
            + "without --file, the cluster and topic prefix to read <prefix>.feedback from.")
    Path config;

    @Option(names = "--model", paramLabel = "ID", description = "The model whose feedback is evaluated (required with "
        + "--config; with --file alone, the model of the first record).")
    String model;

    @Option(names = "--file", paramLabel = "FILE",
        description = "A JSON-lines file of Feedback records (natural JSON, one per line), instead of the topic.")
    Path file;

    @Option(names = "--candidates", paramLabel = "LIST", description = "The candidate policies, as in "
        + "regretless.model.<id>.shadows, e.g. linucb:alpha=0.5,squarecb,uniform,deployed (default: the model's shadows).")
    String candidates;

    @Option(names = "--dimension", defaultValue = "64",
        description = "Without --config: feature dimension d (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--features", paramLabel = "LIST", defaultValue = "",
        description = "Without --config: declared context features, as in regretless.model.<id>.features (default: none).")
    String features;

    @Option(names = "--action-features", paramLabel = "LIST", defaultValue = "",
        description = "Without --config: declared action features, as in regretless.model.<id>.action.features "
            + "(default: none).")
    String actionFeatures;

    @Option(names = "--regularization", defaultValue = "1.0",
        description = "Without --config: ridge lambda (default: ${DEFAULT-VALUE}).")
    double regularization;

    @Option(names = "--seed", defaultValue = "42", description = "Without --config: the seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-arms", defaultValue = "32",
        description = "Without --config: arms a disjoint learner keeps (default: ${DEFAULT-VALUE}).")
    int maxArms;

    @Option(names = "--shared", description = "Without --config: candidates are shared models unless they say otherwise.")
    boolean shared;

    @Option(names = "--reward-min", description = "Rewards' a-priori low end (default: the model's "
        + "shadows.reward.min, or 0).")
    Double rewardMin;

    @Option(names = "--reward-max", description = "Rewards' a-priori high end (default: the model's "
        + "shadows.reward.max, or 1).")
    Double rewardMax;

    @Option(names = "--weight-cap", description = "Clipped IPS's cap (default: the model's shadows.weight.cap, or 10).")
    Double weightCap;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (config == null && file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --config and --model, or --file");
        }
        Properties props = config == null ? null : RunCommand.load(config, System.getenv());
        ModelConfig modelConfig = null;
        if (props != null) {
            if (model == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--config needs --model ID");
            }
            modelConfig = RegretlessConfig.fromProperties(props).models().get(model);
            if (modelConfig == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no bandit model '" + model
                    + "' is configured in " + config);
            }
        }
        ShadowEvaluation.Setup setup = setup(modelConfig);
        OfflineEvaluation evaluation = new OfflineEvaluation(setup, model);
        String source;
        if (file != null) {
            source = file.toString();
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        evaluation.accept(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        } else {
            Topics topics = new Topics(props.getProperty("regretless.topic.prefix", "regretless"));
            Properties client = new Properties();
            props.stringPropertyNames().stream().filter(n -> !n.startsWith("regretless.") && !n.equals("application.id"))
                .forEach(n -> client.put(n, props.getProperty(n)));
            source = topics.feedback();
            TopicReader.readAll(client, topics.feedback(), evaluation::accept);
        }
        print(out, evaluation, source);
        return 0;
    }

    private ShadowEvaluation.Setup setup(ModelConfig modelConfig) throws IOException {
        BanditConfig deployed;
        ShadowConfig shadows;
        if (modelConfig != null) {
            deployed = modelConfig.bandit();
            shadows = modelConfig.shadows();
        } else {
            // no model: 'deployed' has nothing to stand for; the learners' own defaults fill in the rest
            try {
                DeclaredFeatures declared = DeclaredFeatures.of(DeclaredFeatures.parseList(features),
                    DeclaredFeatures.parseList(actionFeatures));
                deployed = new BanditConfig(LearnerKind.LINUCB, shared, dimension, regularization,
                    LearnerKind.LINUCB.defaultExploration(), seed, maxArms, declared);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            shadows = ShadowConfig.NONE;
        }
        List<CandidateSpec> list;
        if (candidates != null) {
            list = parse(candidates);
        } else if (shadows.enabled()) {
            list = shadows.candidates();
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "name the candidates with --candidates"
                + (modelConfig == null ? "" : " (model '" + model + "' has no shadows setting)"));
        }
        if (modelConfig == null && list.stream().anyMatch(c -> c.base() == CandidateSpec.Base.DEPLOYED)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "'deployed' is the model's configuration: give --config and --model");
        }
        try {
            return new ShadowEvaluation.Setup(deployed, list, rewardMin != null ? rewardMin : shadows.rewardMin(),
                rewardMax != null ? rewardMax : shadows.rewardMax(), weightCap != null ? weightCap : shadows.weightCap());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<CandidateSpec> parse(String text) {
        try {
            return CandidateSpec.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--candidates: " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, OfflineEvaluation evaluation, String source) {
        ShadowEvaluation e = evaluation.evaluation();
        long refused = evaluation.refused().values().stream().mapToLong(Long::longValue).sum();
        long others = evaluation.otherModels().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "model %s, from %s: %,d logged decisions scored of %,d records read (%,d refused, "
                + "%,d repeated request ids, %,d of other models)%n", evaluation.modelId() == null ? "-" : evaluation.modelId(),
            source, e.rounds(), evaluation.read(), refused, evaluation.duplicates(), others);
        evaluation.refused().forEach((reason, n) -> out.printf(Locale.ROOT, "  refused %s: %,d%n", reason, n));
        evaluation.refusalDetails().forEach(d -> out.println("    e.g. " + d));
        if (!evaluation.otherModels().isEmpty()) {
            out.println("  other models skipped: " + evaluation.otherModels() + " (choose one with --model)");
        }
        if (e.rounds() == 0) {
            out.println("nothing to evaluate");
            return;
        }
        out.printf(Locale.ROOT, "logged policy: average reward %.4f (what the deployed policy earned on these decisions)%n%n",
            e.rewards().mean());
        out.print(EvaluationTable.render(e, ESTIMATORS, Map.of()));
        out.flush();
    }
}
