package io.hrnetspark.job.output;

import io.hrnetspark.job.inference.ImageError;
import io.hrnetspark.job.inference.ImageOutcome;
import io.hrnetspark.job.inference.IndexedResult;
import io.hrnetspark.model.pose.BottomUpPose;
import io.hrnetspark.model.pose.TopDownPerson;
import io.hrnetspark.model.seg.ClassMask;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The single output of partition inference for one chunk, written once under
 * {@code OUT/_staging/RUN_ID/CHUNK}: each row holds a prediction, a mask, an error or an image's outcome,
 * so the network runs once and every table's commit is cut from it.
 */
public final class StagingTable {

    public static final String PREDICTION = "prediction";
    public static final String MASK = "mask";
    public static final String ERROR = "error";
    public static final String IMAGE = "image";

    public static final StructType SCHEMA = new StructType()
            .add(PREDICTION, PredictionsTable.SCHEMA, true)
            .add(MASK, MasksTable.SCHEMA, true)
            .add(ERROR, ErrorsTable.SCHEMA, true)
            .add(IMAGE, ImagesTable.SCHEMA, true);

    /**
     * How one result of a head becomes a row of its table.
     *
     * @param column the staging column of the rows ({@link #PREDICTION} or {@link #MASK})
     * @param row    the row of one result
     */
    public record ResultRow<T>(String column, RowOf<T> row) {
    }

    /** The table row of one result. */
    @FunctionalInterface
    public interface RowOf<T> {
        Row row(ImageOutcome<?> image, T result, String runId, String modelId);
    }

    /** Top-down persons become {@code prediction} rows. */
    public static final ResultRow<IndexedResult<TopDownPerson>> TOP_DOWN =
            new ResultRow<>(PREDICTION, PredictionsTable::topDown);

    /** Bottom-up persons become {@code prediction} rows. */
    public static final ResultRow<IndexedResult<BottomUpPose>> BOTTOM_UP =
            new ResultRow<>(PREDICTION, PredictionsTable::bottomUp);

    private StagingTable() {
    }

    /** Class masks become {@code mask} rows, named by {@code classNames} (indexed by class). */
    public static ResultRow<ClassMask> masks(List<String> classNames) {
        return new ResultRow<>(MASK, (image, mask, runId, modelId) -> MasksTable.row(image, mask,
                mask.classId() < classNames.size() ? classNames.get(mask.classId()) : "class " + mask.classId(),
                runId, modelId));
    }

    public static <T> List<Row> rows(ImageOutcome<T> image, ResultRow<T> resultRow, String runId, String modelId) {
        List<Row> rows = new ArrayList<>(image.results().size() + image.errors().size() + 1);
        boolean mask = MASK.equals(resultRow.column());
        for (T result : image.results()) {
            Row row = resultRow.row().row(image, result, runId, modelId);
            rows.add(mask ? RowFactory.create(null, row, null, null) : RowFactory.create(row, null, null, null));
        }
        for (ImageError error : image.errors()) {
            rows.add(RowFactory.create(null, null, ErrorsTable.row(image, error, runId, modelId), null));
        }
        rows.add(RowFactory.create(null, null, null, ImagesTable.row(image, runId, modelId)));
        return rows;
    }

    /** The rows of a stream of outcomes, produced as the outcomes arrive. */
    public static <T> Iterator<Row> rows(Iterator<ImageOutcome<T>> images, ResultRow<T> resultRow, String runId,
                                         String modelId) {
        return new Iterator<>() {
            private Iterator<Row> current = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && images.hasNext()) {
                    current = rows(images.next(), resultRow, runId, modelId).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
