package io.hrnetspark.cli;

import picocli.CommandLine.Command;

/** {@code hrnet-spark bench}: measurements that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print throughput figures.",
        subcommands = {BenchModelCommand.class})
final class BenchCommand {
}
