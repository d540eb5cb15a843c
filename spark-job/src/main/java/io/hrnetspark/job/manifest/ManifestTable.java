package io.hrnetspark.job.manifest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The work items of a run as rows: one per image, its person boxes grouped. */
public final class ManifestTable {

    public static final StructType BOX = new StructType()
            .add("index", DataTypes.IntegerType, false)
            .add("x", DataTypes.DoubleType, false)
            .add("y", DataTypes.DoubleType, false)
            .add("width", DataTypes.DoubleType, false)
            .add("height", DataTypes.DoubleType, false)
            .add("score", DataTypes.DoubleType, false);

    public static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("boxes", DataTypes.createArrayType(BOX, false), false);

    private ManifestTable() {
    }

    /** The work item of a row with this schema's columns (others may follow). */
    public static ImageTask task(Row row) {
        List<Row> rows = row.getList(row.fieldIndex("boxes"));
        List<TaskBox> boxes = new ArrayList<>(rows.size());
        for (Row b : rows) {
            boxes.add(new TaskBox(b.getInt(0), b.getDouble(1), b.getDouble(2), b.getDouble(3), b.getDouble(4),
                    b.getDouble(5)));
        }
        return new ImageTask(row.getLong(row.fieldIndex("image_id")), row.getString(row.fieldIndex("file_path")),
                boxes);
    }
}
