package io.hrnetspark.cli;

import io.hrnetspark.job.inference.PoseModelFactory;
import io.hrnetspark.job.inference.TopDownModelFactory;
import io.hrnetspark.model.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hrnet-spark} command line: one program, one subcommand per task. */
@Command(name = "hrnet-spark", mixinStandardHelpOptions = true,
        versionProvider = HrnetSparkCli.Version.class,
        description = "HRNet pose estimation and segmentation over large image collections on Apache Spark.",
        subcommands = {CommandLine.HelpCommand.class, InspectCommand.class, PredictCommand.class,
            BottomUpCommand.class, SegmentCommand.class, SampleCommand.class, EvaluateCommand.class,
            ExportCommand.class, RenderCommand.class, MaintainCommand.class, BenchCommand.class})
public final class HrnetSparkCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; user errors print one sentence, exit 2. */
    public static int run(String... args) {
        return commandLine(new TopDownModelFactory()).execute(args);
    }

    /** The command line; {@code annotate} and {@code bench annotate} build their networks with the factory. */
    static CommandLine commandLine(PoseModelFactory poseModels) {
        CommandLine commandLine = new CommandLine(new HrnetSparkCli());
        commandLine.addSubcommand("annotate", new AnnotateCommand(poseModels));
        commandLine.getSubcommands().get("bench").addSubcommand("annotate", new BenchAnnotateCommand(poseModels));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof InvalidInputException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                cmd.getErr().println("hrnet-spark: " + cause.getMessage());
                return 2;
            }
            if (outOfMemory(e)) {
                cmd.getErr().println("hrnet-spark: the driver ran out of memory (Java heap of "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give it more with"
                        + " HRNET_SPARK_DRIVER_MEMORY=8g (submit-scripts/hrnet-spark) or --driver-memory 8g"
                        + " (submit-scripts/submit.sh).");
                return 3;
            }
            throw e;
        });
        return commandLine;
    }

    private static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HrnetSparkCli.class.getPackage().getImplementationVersion();
            return new String[] {"hrnet-spark " + (version == null ? "(development build)" : version)};
        }
    }
}
