package io.hrnetspark.cli;

import picocli.CommandLine.Command;

/** {@code hrnet-spark bench}: benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on generated data; they print timings and memory.",
        subcommands = {BenchEvaluateCommand.class})
public final class BenchCommand {
}
