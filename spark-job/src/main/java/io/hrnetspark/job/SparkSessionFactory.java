package io.hrnetspark.job;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command: the session already running in this JVM if there is one (tests,
 * embedding), else a new one on the master spark-submit chose, else {@code --master}, else an
 * embedded {@code local[*]}.
 */
public final class SparkSessionFactory {

    public static final String DEFAULT_MASTER = "local[*]";

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
        return new CommandSession(SparkSession.builder().config(conf).getOrCreate(), true);
    }
}
