package io.hrnetspark.cli;

import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import io.hrnetspark.model.net.ModelBenchmark;
import io.hrnetspark.model.net.Networks;
import io.hrnetspark.model.net.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark bench model}: network throughput with random weights. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Runs the network of an experiment config with random weights and prints crops/s and "
                + "GMAC/s per batch size.",
                "Threads follow OMP_NUM_THREADS unless --threads is given; on a busy machine also set "
                + "OMP_WAIT_POLICY=PASSIVE."})
final class BenchModelCommand implements Callable<Integer>, RunsNetworkHere {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "C.yaml", description = "Official experiment YAML file.")
    private Path config;

    @Option(names = "--batch-sizes", split = ",", paramLabel = "N,N,...", defaultValue = "1,8,32",
            description = "Crops per forward pass, one measurement each (default: ${DEFAULT-VALUE}).")
    private List<Integer> batchSizes;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "Timed passes per batch size (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Untimed passes before each measurement (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for ND4J and oneDNN (default: OMP_NUM_THREADS).")
    private Integer threads;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "DIRECT",
            description = "DIRECT (folded BatchNorm, channels-last, planned ND4J ops), ONEDNN (the same through "
                    + "oneDNN's primitives with fused sums and ReLUs; bf16 always runs so), SAMEDIFF (the DIRECT network "
                    + "as a SameDiff graph), SAMEDIFF_NCHW or SAMEDIFF_UNFOLDED (default: ${DEFAULT-VALUE}).")
    private ExecutionMode mode;

    @Option(names = "--precision", paramLabel = "fp32|bf16", defaultValue = "fp32",
            converter = PrecisionOption.class,
            description = "fp32, or bf16 (oneDNN bfloat16 convolutions with float32 accumulation; CPUs with "
                    + "AVX512-BF16 or AMX; runs in the ONEDNN mode) (default: ${DEFAULT-VALUE}).")
    private Precision precision;

    @Option(names = "--profile", description = "Also print the time spent per op type, with the GMAC/s of "
            + "convolutions and the GB/s of memory-bound ops where the executor reports them.")
    private boolean profile;

    @Override
    public Integer call() {
        if (iterations < 1 || warmup < 0 || batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--batch-sizes and --iterations must be positive and --warmup at least 0");
        }
        try {
            InferenceNetwork.effectiveMode(mode, precision);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (threads != null) {
            if (threads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads must be positive");
            }
            ModelBenchmark.useThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        new ModelBenchmark(Networks.of(ExperimentConfigReader.read(config)),
                new ModelBenchmark.Options(batchSizes, warmup, iterations, mode, precision, profile))
                .run(line -> {
                    out.println(line);
                    out.flush();
                });
        return 0;
    }
}
