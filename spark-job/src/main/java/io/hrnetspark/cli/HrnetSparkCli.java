package io.hrnetspark.cli;

import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.inference.HrnetPredictorFactory;
import io.hrnetspark.job.inference.Nd4jGpuBackend;
import io.hrnetspark.job.inference.PredictorFactory;
import io.hrnetspark.model.InvalidInputException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
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

    /** Hadoop runs its shutdown hooks by priority, highest first; Spark's (which stop the context) have 40. */
    private static final int BEFORE_SPARKS_HOOKS = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;

    static final String STOPPED = "hrnet-spark: stopped before the end (the process was asked to shut down); what was"
            + " committed is kept, and running the same command again continues from there.";

    /** Set when the JVM begins to shut down (Ctrl-C, SIGTERM, a cluster manager killing the driver). */
    private static volatile boolean shuttingDown;
    /** Set when the command has returned, so that the JVM's ordinary exit is not taken for a stop. */
    private static volatile boolean finished;
    /** Set by {@link #main}: only a process of its own reports a stop (not tests or programs that embed the CLI). */
    private static volatile boolean ownProcess;
    private static boolean stopHookInstalled;

    public static void main(String[] args) {
        ownProcess = true;
        int exitCode = run(args);
        finished = true;
        System.exit(exitCode);
    }

    /**
     * Starts the Spark session of a command. The stop hook is installed here, not in {@link #main}: Hadoop's hook
     * manager reads Hadoop's configuration when a hook is added (half a second), which commands that never start
     * Spark ({@code --version}, usage errors, {@code predict}) should not pay.
     */
    static SparkSessionFactory.CommandSession startSpark(String appName, Optional<String> master) {
        installStopHook();
        return SparkSessionFactory.start(appName, master);
    }

    private static synchronized void installStopHook() {
        if (ownProcess && !stopHookInstalled) {
            ShutdownHookManager.get().addShutdownHook(HrnetSparkCli::stopQuietly, BEFORE_SPARKS_HOOKS);
            stopHookInstalled = true;
        }
    }

    /**
     * Says once that the command was stopped, then silences logging: stopping the Spark context under a running
     * command makes its jobs, tasks and file writers log the cancellation with stack traces.
     */
    private static void stopQuietly() {
        if (finished) {
            return;
        }
        shuttingDown = true;
        System.err.println(STOPPED);
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
    }

    /** Runs the command line and returns its exit code; user errors print one sentence, exit 2. */
    public static int run(String... args) {
        return commandLine(new HrnetPredictorFactory()).execute(args);
    }

    /** The command line; {@code annotate} and {@code bench annotate} build their networks with the factory. */
    static CommandLine commandLine(PredictorFactory predictors) {
        CommandLine commandLine = new CommandLine(new HrnetSparkCli());
        commandLine.addSubcommand("annotate", new AnnotateCommand(predictors));
        commandLine.getSubcommands().get("bench").addSubcommand("annotate", new BenchAnnotateCommand(predictors));
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionStrategy(HrnetSparkCli::runReportingErrors);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (shuttingDown) { // stopQuietly said so
                return 130;
            }
            Throwable cause = e;
            while (cause != null && !(cause instanceof InvalidInputException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                cmd.getErr().println("hrnet-spark: " + cause.getMessage());
                return 2;
            }
            if (CudaBuildProblem.causedBy(e)) {
                cmd.getErr().println("hrnet-spark: " + CudaBuildProblem.MESSAGE);
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

    /**
     * Runs the command; an {@link Error} it throws (ND4J's CUDA backend failing to load arrives as an
     * {@code ExceptionInInitializerError}, a full heap as an {@code OutOfMemoryError}) goes to the execution
     * exception handler like an exception, which picocli would otherwise let escape with its stack trace. A
     * command that runs a network here first loads the CUDA runtime in the CUDA build, so that a missing NVIDIA
     * driver is its one sentence before ND4J prints its own trace of it.
     */
    private static int runReportingErrors(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult command = parseResult;
        boolean help = command.isUsageHelpRequested() || command.isVersionHelpRequested();
        while (command.subcommand() != null) {
            command = command.subcommand();
            help |= command.isUsageHelpRequested() || command.isVersionHelpRequested();
        }
        try {
            if (!help && command.commandSpec().userObject() instanceof RunsNetworkHere) {
                Nd4jGpuBackend.requireCudaRuntimeInCudaBuild();
            }
            return new CommandLine.RunLast().execute(parseResult);
        } catch (Error e) {
            throw new CommandLine.ExecutionException(command.commandSpec().commandLine(), e.toString(), e);
        }
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
