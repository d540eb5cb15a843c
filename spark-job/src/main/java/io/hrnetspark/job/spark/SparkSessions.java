package io.hrnetspark.job.spark;

import io.hrnetspark.job.inference.HrnetExecutorPlugin;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session of a command: the master spark-submit chose, else {@code --master}, else
 * an embedded {@code local[*]}; with the executor plugin that closes networks when executors stop.
 */
public final class SparkSessions {

    public static final String LOCAL = "local[*]";
    private static final String PLUGINS = "spark.plugins";

    private SparkSessions() {
    }

    /** The configuration of a command: spark-submit's settings ({@code spark.*} system properties) plus ours. */
    public static SparkConf conf(String appName, Optional<String> master) {
        SparkConf conf = new SparkConf();
        master.ifPresent(conf::setMaster);
        conf.setIfMissing("spark.master", LOCAL);
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.ui.showConsoleProgress", "true");
        return withExecutorPlugin(conf);
    }

    /** Adds {@link HrnetExecutorPlugin} to {@code spark.plugins}, keeping plugins already configured. */
    public static SparkConf withExecutorPlugin(SparkConf conf) {
        String plugin = HrnetExecutorPlugin.class.getName();
        String plugins = conf.get(PLUGINS, "").trim();
        if (!(("," + plugins + ",").contains("," + plugin + ","))) {
            conf.set(PLUGINS, plugins.isEmpty() ? plugin : plugins + "," + plugin);
        }
        return conf;
    }

    public static SparkSession start(String appName, Optional<String> master) {
        return SparkSession.builder().config(conf(appName, master)).getOrCreate();
    }

    /**
     * The session a command runs in: the application's existing session if there is one (kept open),
     * else a new one (stopped on close).
     */
    public static Handle open(String appName, Optional<String> master) {
        Optional<SparkSession> existing = Optional.ofNullable(SparkSession.getDefaultSession().getOrElse(() -> null));
        return existing.map(session -> new Handle(session, false))
                .orElseGet(() -> new Handle(start(appName, master), true));
    }

    /** A session and whether closing the handle stops it. */
    public record Handle(SparkSession session, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                session.stop();
            }
        }
    }
}
