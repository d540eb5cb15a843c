package io.hrnetspark.job.inference;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Closes this JVM's networks when its executor stops ({@code spark.plugins}; the annotate job adds
 * itself). In local mode the executor lives in the driver JVM and stops with the Spark session.
 */
public final class HrnetExecutorPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void shutdown() {
                ExecutorModelCache.closeAll();
            }
        };
    }
}
