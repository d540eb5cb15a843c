package io.hrnetspark.job.testing;

import io.hrnetspark.job.SparkSessionFactory;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Small Spark sessions for tests: no UI, no progress bar, few shuffle partitions. */
public final class TestSpark {

    private TestSpark() {
    }

    public static SparkConf conf(String master) {
        return SparkSessionFactory.configure(new SparkConf()
                .setMaster(master)
                .setAppName("hrnet-spark test")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    public static SparkSession start(String master) {
        return SparkSession.builder().config(conf(master)).getOrCreate();
    }
}
