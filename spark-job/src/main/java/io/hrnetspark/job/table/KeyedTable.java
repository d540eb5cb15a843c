package io.hrnetspark.job.table;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructType;

/**
 * A Delta table whose rows are identified by key columns: merges match on the key (null-safe), so
 * committing the same rows again never doubles them.
 *
 * @param location        the table's directory
 * @param schema          its columns
 * @param key             the columns that identify a row
 * @param partitionColumn the column the table is partitioned by, or null
 */
public record KeyedTable(Path location, StructType schema, List<String> key, String partitionColumn) {

    public KeyedTable {
        key = List.copyOf(key);
        for (String column : key) {
            schema.apply(column);
        }
    }

    public String name() {
        return location.getName();
    }

    /** The merge condition that matches a source row ({@code s}) to the target row ({@code t}) of the same key. */
    String keyCondition() {
        return String.join(" AND ", key.stream().map(c -> "t.`" + c + "` <=> s.`" + c + "`").toList());
    }
}
