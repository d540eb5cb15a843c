package io.hrnetspark.job.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local Spark session for one test class ({@code @RegisterExtension static}), stopped after the class so
 * that later classes start sessions of their own settings.
 */
public final class LocalSpark implements BeforeAllCallback, AfterAllCallback {

    private final String master;
    private SparkSession session;

    public LocalSpark(String master) {
        this.master = master;
    }

    public SparkSession session() {
        return session;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session = TestSpark.start(master);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        session.stop();
    }
}
