package io.hrnetspark.job;

import io.hrnetspark.job.inference.HrnetExecutorPlugin;
import io.hrnetspark.job.inference.Nd4jGpuBackend;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command: the session already running in this JVM if there is one (tests,
 * embedding), else a new one on the master spark-submit chose, else {@code --master}, else an
 * embedded {@code local[*]}; with Spark's console progress bar, the executor plugin that closes
 * networks when executors stop, and Delta Lake for the output tables. An embedded local session is
 * lean (see {@link #leanLocal}): it starts in about a second and serves one machine.
 */
public final class SparkSessionFactory {

    public static final String DEFAULT_MASTER = "local[*]";
    private static final String PLUGINS = "spark.plugins";
    private static final String SCHEDULER_MODE = "spark.scheduler.mode";
    private static final String ALLOCATION_FILE = "spark.scheduler.allocation.file";
    private static final String POOLS_FILE = "fairscheduler.xml";
    private static final String EXTENSIONS = "spark.sql.extensions";
    private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
    private static final String CATALOG = "spark.sql.catalog.spark_catalog";
    private static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
    private static final Pattern LOCAL_THREADS = Pattern.compile("local\\[(\\*|\\d+)");
    /** Spark's minimum system memory: 1.5 times its reserved 300 MB (UnifiedMemoryManager). */
    static final long MIN_DRIVER_HEAP_BYTES = 471_859_200L;
    private static final String DELTA_SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";
    private static final String CODEGEN_CACHE_ENTRIES = "spark.sql.codegen.cache.maxEntries";

    /** A session, and whether the command started it and so must stop it. */
    public record CommandSession(SparkSession session, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                session.stop();
            }
        }
    }

    private SparkSessionFactory() {
    }

    /**
     * Whether {@link #start} would start an embedded local session: no master given or configured (spark-submit
     * configures one) and no session running in this JVM.
     */
    public static boolean wouldStartEmbeddedLocal(Optional<String> master) {
        return master.isEmpty() && !new SparkConf().contains("spark.master")
                && SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    }

    public static CommandSession start(String appName, Optional<String> master) {
        scala.Option<SparkSession> running = SparkSession.getActiveSession();
        if (running.isEmpty()) {
            running = SparkSession.getDefaultSession();
        }
        if (running.isDefined()) {
            return new CommandSession(running.get(), false);
        }
        SparkConf conf = new SparkConf();
        master.ifPresent(conf::setMaster);
        conf.setIfMissing("spark.master", DEFAULT_MASTER);
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.ui.showConsoleProgress", "true");
        leanLocal(conf);
        SparkMaster.check(conf.get("spark.master"),
                Duration.ofMillis(conf.getTimeAsMs(SparkMaster.TIMEOUT_SETTING, SparkMaster.DEFAULT_TIMEOUT.toMillis() + "ms")));
        requireDriverHeap(Runtime.getRuntime().maxMemory());
        requireGpuBackend(conf, Nd4jGpuBackend.cudaBuild());
        requireCudaDriverForLocal(conf.get("spark.master"), Nd4jGpuBackend.cudaBuild(), Nd4jGpuBackend::loadCudaRuntime);
        SparkSession session = SparkSession.builder().config(configure(conf)).getOrCreate();
        try {
            ExecutorWait.await(conf, () -> session.sparkContext().statusTracker().getExecutorInfos().length - 1);
        } catch (InvalidInputException e) {
            session.stop();
            throw e;
        }
        return new CommandSession(session, true);
    }

    /**
     * Spark refuses a driver heap below 1.5 times its 300 MB reserve, after logging a stack trace; this
     * says so first, in one sentence naming the settings that raise it.
     */
    static void requireDriverHeap(long maxHeapBytes) {
        if (maxHeapBytes < MIN_DRIVER_HEAP_BYTES) {
            throw new InvalidInputException("The driver's Java heap (" + maxHeapBytes / (1024 * 1024)
                    + " MB) is below the 450 MB Spark needs; give it more with HRNET_SPARK_DRIVER_MEMORY=4g"
                    + " (submit-scripts/hrnet-spark) or --driver-memory 4g (submit-scripts/submit.sh).");
        }
    }

    /**
     * GPU settings with a jar built without the CUDA backend would leave every GPU idle while the tasks
     * compute on the CPU; this refuses them on the driver, before any executor starts.
     */
    static void requireGpuBackend(SparkConf conf, boolean cudaBuild) {
        for (String setting : new String[] {"spark.executor.resource.gpu.amount", "spark.task.resource.gpu.amount"}) {
            String amount = conf.get(setting, "0").trim();
            if (!cudaBuild && !amount.matches("0*\\.?0*")) {
                throw new InvalidInputException("The Spark settings ask for GPUs (" + setting + "=" + amount
                        + "), but hrnet-spark.jar was built without the CUDA backend, so the tasks would compute on"
                        + " the CPU; rebuild it with mvn -B -Pcuda -DskipTests package, or drop the -gpu settings.");
            }
        }
    }

    /**
     * The CUDA build on a local master runs its tasks in this JVM: without an NVIDIA driver every task would fail
     * while loading ND4J, each logging its stack traces; this loads the CUDA runtime here first, so that the
     * missing driver ends the command before Spark starts ({@code loadCudaRuntime}'s error as the cause).
     */
    static void requireCudaDriverForLocal(String master, boolean cudaBuild, Runnable loadCudaRuntime) {
        if (!cudaBuild || !isLocal(master)) {
            return;
        }
        try {
            loadCudaRuntime.run();
        } catch (LinkageError e) {
            throw new IllegalStateException("The CUDA runtime cannot be loaded on this machine", e);
        }
    }

    private static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /**
     * For a {@code local} master, unless configured: no web UI (nobody browses a run of a few seconds,
     * and a second run would warn that port 4040 is taken; {@code -Dspark.ui.enabled=true} brings it back),
     * and as many shuffle partitions as cores instead of 200, so that small tables are read and merged by
     * a few tasks.
     */
    static SparkConf leanLocal(SparkConf conf) {
        String master = conf.get("spark.master", "");
        if (!isLocal(master)) {
            return conf;
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(localCores(master)));
        return conf;
    }

    /** The cores of a {@code local}, {@code local[N]}, {@code local[*]} or {@code local[N,F]} master. */
    static int localCores(String master) {
        Matcher matcher = LOCAL_THREADS.matcher(master);
        if (!matcher.lookingAt()) {
            return 1;
        }
        return matcher.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
                : Math.max(1, Integer.parseInt(matcher.group(1)));
    }

    /**
     * What every hrnet-spark session needs: the executor plugin, Delta Lake's SQL extension and catalog, and
     * the fair scheduler with the pools of {@code fairscheduler.xml} (annotate commits in a pool of their own).
     */
    public static SparkConf configure(SparkConf conf) {
        if (!conf.contains(SCHEDULER_MODE)) {
            conf.set(SCHEDULER_MODE, "FAIR");
            conf.setIfMissing(ALLOCATION_FILE, fairSchedulerPools());
        }
        return withDelta(withExecutorPlugin(conf));
    }

    /**
     * The pools file as a local file: Spark looks for {@code fairscheduler.xml} with its own class loader,
     * which under {@code spark-submit} does not see the application jar.
     */
    private static String fairSchedulerPools() {
        try (InputStream in = SparkSessionFactory.class.getResourceAsStream("/" + POOLS_FILE)) {
            java.nio.file.Path file = Files.createTempFile("hrnet-spark-", "-" + POOLS_FILE);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the fair-scheduler pools file", e);
        }
    }

    /** Adds Delta Lake's session extension (keeping other extensions) and catalog, unless configured. */
    static SparkConf withDelta(SparkConf conf) {
        String extension = DELTA_EXTENSION;
        String extensions = conf.get(EXTENSIONS, "").trim();
        if (!("," + extensions + ",").contains("," + extension + ",")) {
            conf.set(EXTENSIONS, extensions.isEmpty() ? extension : extensions + "," + extension);
        }
        conf.setIfMissing(CATALOG, DELTA_CATALOG);
        // Delta rebuilds a table's state (its list of files) with this many tasks after each commit; its default
        // of 50 is sized for huge logs, and costs seconds per commit on the small logs of chunked output tables.
        conf.setIfMissing(DELTA_SNAPSHOT_PARTITIONS, "4");
        // Each Delta commit and snapshot runs a few dozen distinct queries; with Spark's 100 compiled classes a
        // run evicts and compiles them again (Janino took ~30% of a warm run's CPU).
        conf.setIfMissing(CODEGEN_CACHE_ENTRIES, "1000");
        return conf;
    }

    /** Adds {@link HrnetExecutorPlugin} to {@code spark.plugins}, keeping plugins already configured. */
    public static SparkConf withExecutorPlugin(SparkConf conf) {
        String plugin = HrnetExecutorPlugin.class.getName();
        String plugins = conf.get(PLUGINS, "").trim();
        if (!("," + plugins + ",").contains("," + plugin + ",")) {
            conf.set(PLUGINS, plugins.isEmpty() ? plugin : plugins + "," + plugin);
        }
        return conf;
    }
}
