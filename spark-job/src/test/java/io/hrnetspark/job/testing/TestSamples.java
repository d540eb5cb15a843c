package io.hrnetspark.job.testing;

import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.storage.HadoopStorage;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** Synthetic people for tests, generated under {@code DIR/sample}. */
public final class TestSamples {

    private TestSamples() {
    }

    public static SyntheticPeople.Summary generate(SyntheticPeople.Spec spec, Path dir) {
        return SyntheticPeople.generate(spec, new HadoopStorage(new Configuration()),
                new org.apache.hadoop.fs.Path(dir.resolve("sample").toUri()));
    }
}
