package io.hrnetspark.cli;

import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.net.NetworkDefinition;
import io.hrnetspark.model.net.NetworkSummary;
import io.hrnetspark.model.net.Networks;
import io.hrnetspark.model.net.ParameterLayout;
import io.hrnetspark.model.net.StateDictMatch;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark inspect}: what a config builds and whether a checkpoint fits it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Prints the parameter count, multiply-adds and input/output shapes of the network an "
                + "experiment config builds, and with --weights whether the checkpoint fits it.",
                "Exit code 0 if it fits (or no weights were given), 1 if it does not."})
final class InspectCommand implements Callable<Integer> {

    private static final int LISTED = 20;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "C.yaml",
            description = "Official experiment YAML file (e.g. conf/models/w32_256x192_adam_lr1e-3.yaml).")
    private Path config;

    @Option(names = "--weights", paramLabel = "W.pth", description = "PyTorch checkpoint to check against the network.")
    private Path weights;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentConfig experiment = ExperimentConfigReader.read(config);
        NetworkDefinition network = Networks.of(experiment);
        out.println("config:          " + config + " (" + experiment.modelName() + ", input "
                + experiment.inputSize() + ")");
        NetworkSummary.of(network).lines().forEach(out::println);
        if (weights == null) {
            out.flush();
            return 0;
        }
        StateDict stateDict = TorchCheckpoint.load(weights);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        stateDict.asMap().forEach((key, tensor) -> shapes.put(key, tensor.shape()));
        StateDictMatch match = StateDictMatch.of(ParameterLayout.of(network), shapes);
        if (match.matches()) {
            out.println("weights:         " + weights + " fits: all " + stateDict.size() + " tensors match by name and shape");
            out.flush();
            return 0;
        }
        out.println("weights:         " + weights + " does NOT fit this network");
        list(out, "missing from the checkpoint", match.missing());
        list(out, "unexpected in the checkpoint", match.unexpected());
        list(out, "wrong shape (checkpoint instead of network)", match.wrongShape());
        out.flush();
        return 1;
    }

    private static void list(PrintWriter out, String title, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        out.println("  " + keys.size() + " " + title + ":");
        keys.stream().limit(LISTED).forEach(key -> out.println("    " + key));
        if (keys.size() > LISTED) {
            out.println("    ... and " + (keys.size() - LISTED) + " more");
        }
    }
}
