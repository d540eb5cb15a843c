package io.hrnetspark.job.annotate;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.WorkBalancer;
import io.hrnetspark.job.output.StagingTable;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the network over one chunk's work items on the executors and stages the rows as Parquet: one
 * Spark job whose file commit protocol keeps only the output of successful task attempts, so retried
 * or speculative tasks never double a row.
 */
final class ChunkInference {

    private final SparkSession spark;
    private final PartitionAnnotator annotator;

    ChunkInference(SparkSession spark, PartitionAnnotator annotator) {
        this.spark = spark;
        this.annotator = annotator;
    }

    /**
     * @param partitions the partitions to run in, or null for as many as the work and the task slots call for
     * @return the number of partitions the chunk ran in
     */
    int run(String runId, int chunk, List<ImageTask> tasks, Path staged, Integer partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long work = tasks.stream().mapToLong(ImageTask::work).sum();
        int count = WorkBalancer.partitionCount(work, tasks.size(), jsc.defaultParallelism(), partitions);
        List<List<ImageTask>> bins = WorkBalancer.balance(tasks, count);
        JavaRDD<Row> rows = jsc.parallelize(bins, count).flatMap(List::iterator).mapPartitions(annotator);
        jsc.setJobDescription("hrnet-spark annotate " + runId + " chunk " + chunk + ": " + tasks.size() + " images");
        try {
            spark.createDataFrame(rows, StagingTable.SCHEMA).write().mode(SaveMode.Overwrite).parquet(staged.toString());
        } finally {
            jsc.setJobDescription(null);
        }
        return count;
    }
}
