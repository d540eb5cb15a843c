package io.hrnetspark.job.output;

import io.hrnetspark.job.inference.ImageError;
import io.hrnetspark.job.inference.ImageOutcome;
import io.hrnetspark.job.inference.PersonResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The single output of partition inference for one chunk, written once under
 * {@code OUT/_staging/RUN_ID/CHUNK}: each row holds a prediction, an error or an image's outcome, so
 * the network runs once and every table's commit is cut from it.
 */
public final class StagingTable {

    public static final String PREDICTION = "prediction";
    public static final String ERROR = "error";
    public static final String IMAGE = "image";

    public static final StructType SCHEMA = new StructType()
            .add(PREDICTION, PredictionsTable.SCHEMA, true)
            .add(ERROR, ErrorsTable.SCHEMA, true)
            .add(IMAGE, ImagesTable.SCHEMA, true);

    private StagingTable() {
    }

    public static List<Row> rows(ImageOutcome image, String runId, String modelId) {
        List<Row> rows = new ArrayList<>(image.persons().size() + image.errors().size() + 1);
        for (PersonResult person : image.persons()) {
            rows.add(RowFactory.create(PredictionsTable.row(image, person, runId, modelId), null, null));
        }
        for (ImageError error : image.errors()) {
            rows.add(RowFactory.create(null, ErrorsTable.row(image, error, runId, modelId), null));
        }
        rows.add(RowFactory.create(null, null, ImagesTable.row(image, runId, modelId)));
        return rows;
    }

    /** The rows of a stream of outcomes, produced as the outcomes arrive. */
    public static Iterator<Row> rows(Iterator<ImageOutcome> images, String runId, String modelId) {
        return new Iterator<>() {
            private Iterator<Row> current = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && images.hasNext()) {
                    current = rows(images.next(), runId, modelId).iterator();
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
