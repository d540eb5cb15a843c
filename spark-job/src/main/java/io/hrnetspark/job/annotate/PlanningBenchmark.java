package io.hrnetspark.job.annotate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hrnetspark.job.memory.HeapUse;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.job.manifest.Manifest;
import io.hrnetspark.job.manifest.ManifestReader;
import io.hrnetspark.job.output.DoneImages;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;

/**
 * How a run's plan scales: writes a synthetic COCO annotation file of N images (one person each),
 * then plans a run on it as annotate does (the manifest staged from the stream, the work numbered by a
 * join against the done images) and prints the time of each step and the driver's peak heap.
 */
public final class PlanningBenchmark {

    private PlanningBenchmark() {
    }

    public static void run(SparkSession spark, long images, Path dir, PrintWriter out) {
        Path gt = dir.resolve("gt.json");
        long t0 = System.nanoTime();
        writeAnnotations(gt, images);
        double generate = seconds(t0);
        HeapUse heap = new HeapUse();

        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        org.apache.hadoop.fs.Path staging = storage.qualified(dir.resolve("staging").toString());
        long t1 = System.nanoTime();
        Manifest manifest = new ManifestReader(spark, storage).read(storage.qualified(dir.toString()),
                Optional.of(gt.toString()), BoxSource.GroundTruth.official(), new org.apache.hadoop.fs.Path(staging,
                        "manifest"));
        double read = seconds(t1);
        long t2 = System.nanoTime();
        WorkPlan plan = WorkPlan.of(spark, manifest.tasks(), manifest.taskCount(), DoneImages.none(spark),
                new org.apache.hadoop.fs.Path(staging, "todo"));
        double planned = seconds(t2);
        long t3 = System.nanoTime();
        int chunk = plan.range(plan.images() / 2, plan.images() / 2 + 1000).size();
        double range = seconds(t3);
        out.printf(Locale.ROOT, """
                bench plan: %,d images, %,d person boxes, annotation file %.2f GB (written in %.1f s)
                  manifest: %.1f s   (the file read as a stream on the driver, staged as Parquet)
                  plan:     %.1f s   (numbered in image-id order after the join with the done images)
                  a chunk:  %.2f s   (%d work items read back from the middle of the plan)
                  driver heap: %.0f MB live at most after a collection (pool peaks sum %.0f MB), of %.0f MB max
                """, manifest.taskCount(), plan.boxes(), size(gt) / 1e9, generate, read, planned, range, chunk,
                heap.liveAfterGcPeakBytes() / 1e6, heap.poolPeaksSumBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        out.flush();
        heap.close();
    }

    private static void writeAnnotations(Path file, long images) {
        SplittableRandom random = new SplittableRandom(7);
        try (OutputStream stream = Files.newOutputStream(file);
             JsonGenerator json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("images");
            for (long id = 1; id <= images; id++) {
                json.writeStartObject();
                json.writeNumberField("id", id);
                json.writeStringField("file_name", String.format("%012d.jpg", id));
                json.writeNumberField("width", 640);
                json.writeNumberField("height", 480);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("annotations");
            for (long id = 1; id <= images; id++) {
                json.writeStartObject();
                json.writeNumberField("id", id);
                json.writeNumberField("image_id", id);
                json.writeNumberField("category_id", 1);
                json.writeNumberField("iscrowd", 0);
                json.writeNumberField("area", 5000);
                json.writeArrayFieldStart("bbox");
                json.writeNumber(random.nextInt(500));
                json.writeNumber(random.nextInt(300));
                json.writeNumber(20 + random.nextInt(100));
                json.writeNumber(40 + random.nextInt(140));
                json.writeEndArray();
                json.writeArrayFieldStart("keypoints");
                for (int k = 0; k < 17; k++) {
                    json.writeNumber(random.nextInt(640));
                    json.writeNumber(random.nextInt(480));
                    json.writeNumber(2);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
