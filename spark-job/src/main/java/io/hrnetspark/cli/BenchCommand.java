package io.hrnetspark.cli;

import picocli.CommandLine.Command;

/** {@code hrnet-spark bench}: benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on generated data or random weights; they print throughput, timings and memory.",
        subcommands = {BenchModelCommand.class, BenchPredictorCommand.class, BenchEvaluateCommand.class,
            BenchPlanCommand.class})
public final class BenchCommand {
}
