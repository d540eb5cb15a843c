package io.hrnetspark.job.output;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.table.DeltaTables;
import io.hrnetspark.model.InvalidInputException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads one Delta table of an annotate output directory. */
public final class StoredTable {

    private StoredTable() {
    }

    /** @param output the output directory (OUT) */
    public static Dataset<Row> read(SparkSession spark, String output, String table) {
        Path location = new Path(new HadoopStorage(spark.sparkContext().hadoopConfiguration()).qualified(output),
                table);
        if (!new DeltaTables(spark).exists(location.toString())) {
            throw new InvalidInputException(output + " has no " + table + " table; give the output directory of an"
                    + " annotate run.");
        }
        return spark.read().format("delta").load(location.toString());
    }
}
