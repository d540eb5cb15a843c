package io.hrnetspark.job.eval;

import io.hrnetspark.job.testing.TestSpark;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One embedded local[2] Spark session for all tests of this JVM, and fixture paths. */
public final class SparkTestSession {

    private SparkTestSession() {
    }

    public static SparkSession get() {
        return SparkSession.builder().config(TestSpark.conf("local[2]").set("spark.sql.shuffle.partitions", "4"))
                .getOrCreate();
    }

    /** A file of a fixture folder copied under test resources {@code fixtures/}. */
    public static String fixture(String folder, String name) {
        URL url = SparkTestSession.class.getResource("/fixtures/" + folder + "/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing test fixture " + folder + "/" + name);
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
