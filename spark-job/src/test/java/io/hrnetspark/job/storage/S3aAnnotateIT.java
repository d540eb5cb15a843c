package io.hrnetspark.job.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.cli.HrnetSparkCli;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.job.annotate.AnnotateJob;
import io.hrnetspark.job.annotate.AnnotateOptions;
import io.hrnetspark.job.annotate.AnnotateResult;
import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.output.ErrorsTable;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.output.RunTable;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.S3MockServer;
import io.hrnetspark.job.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Annotate reading images from and writing Delta tables to an S3-compatible server through S3A; export and render
 * reading them back from there.
 */
@Timeout(600)
class S3aAnnotateIT {

    @TempDir
    Path dir;

    @Test
    void readsImagesAndWritesDeltaTablesOnS3() throws Exception {
        ExecutorModelCache.closeAll();
        try (S3MockServer s3 = new S3MockServer(dir, "hrnet")) {
            SparkSession spark = SparkSession.builder().config(s3.configure(TestSpark.conf("local[2]"))).getOrCreate();
            try {
                HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
                SyntheticPeople.Summary sample = SyntheticPeople.generate(new SyntheticPeople.Spec(6, 96, 64, 2, 9),
                        storage, new org.apache.hadoop.fs.Path("s3a://hrnet/data"));
                Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                org.apache.hadoop.fs.Path corrupt = new org.apache.hadoop.fs.Path("s3a://hrnet/data/images/000000000004.png");
                FileSystem s3a = storage.fileSystem(corrupt);
                s3a.copyFromLocalFile(new org.apache.hadoop.fs.Path(dir.resolve("corrupt.png").toUri()), corrupt);
                String config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
                AnnotateOptions options = new AnnotateOptions("s3a://hrnet/data/images",
                        Optional.of("s3a://hrnet/data/annotations.json"), Optional.empty(), Optional.empty(), config,
                        Optional.empty(), true, "s3a://hrnet/out", 4, Optional.empty(), false, Optional.empty(),
                        Optional.empty(), Optional.empty(), false, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32, false);

                AnnotateResult result = new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(options);

                long people = spark.read().json("s3a://hrnet/data/annotations.json")
                        .selectExpr("explode(annotations) as a").where("a.image_id != 4").count();
                assertEquals(people, spark.read().format("delta").load("s3a://hrnet/out/" + PredictionsTable.DIRECTORY).count());
                Row error = spark.read().format("delta").load("s3a://hrnet/out/" + ErrorsTable.DIRECTORY).head();
                assertEquals("000000000004.png", error.getString(1));
                assertEquals("decode", error.getString(2));
                assertEquals(1, spark.read().format("delta").load("s3a://hrnet/out/" + RunTable.DIRECTORY).count());
                assertEquals(5, result.run().counts().imagesAnnotated());
                assertEquals("s3a://hrnet/data/images", result.run().settings().imagesRoot());
                assertTrue(s3a.exists(new org.apache.hadoop.fs.Path("s3a://hrnet/out/predictions/_delta_log")),
                        "predictions is a Delta table on S3");
                assertTrue(!s3a.exists(new org.apache.hadoop.fs.Path("s3a://hrnet/out/_staging")));

                AnnotateResult again = new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(options);
                assertEquals(6, again.run().counts().imagesAlreadyDone());
                assertEquals(sample.images(), 6);

                // export and render read without Spark (Delta Kernel), with the spark.hadoop.* settings of the JVM
                long kept = spark.read().format("delta").load("s3a://hrnet/out/" + PredictionsTable.DIRECTORY)
                        .where("nms_kept").count();
                SparkConf s3Settings = s3.configure(new SparkConf(false));
                for (Tuple2<String, String> setting : s3Settings.getAll()) {
                    System.setProperty(setting._1(), setting._2());
                }
                try {
                    Path results = dir.resolve("results.json");
                    assertEquals(0, HrnetSparkCli.run("export", "--predictions", "s3a://hrnet/out", "--output",
                            results.toString()));
                    assertEquals(kept, new ObjectMapper().readTree(results.toFile()).size());
                    assertEquals(0, HrnetSparkCli.run("render", "--predictions", "s3a://hrnet/out", "--images",
                            "s3a://hrnet/data/images", "--output", "s3a://hrnet/out/rendered", "--limit", "2"));
                    assertTrue(s3a.exists(new org.apache.hadoop.fs.Path("s3a://hrnet/out/rendered/000000000001.png")));
                } finally {
                    for (Tuple2<String, String> setting : s3Settings.getAll()) {
                        System.clearProperty(setting._1());
                    }
                }
            } finally {
                spark.stop();
            }
        }
    }
}
