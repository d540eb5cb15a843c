package io.hrnetspark.job.table;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * Reads tables in this JVM, without Spark, with Delta Lake's Kernel: the current rows of a Delta table (the
 * Kernel applies the log, partition values and deletion vectors) or plain Parquet files. For commands whose
 * input fits one machine (export, render): a Spark session spends about ten seconds of a cold JVM on Delta's
 * snapshot state before it reads the first row.
 */
public final class LocalTableScan {

    /** One version of a Delta table. */
    public record TableVersion(Path table, Snapshot snapshot) {
    }

    /** Receives the rows of a scan, one at a time: a batch and the position of a selected row in it. */
    @FunctionalInterface
    public interface RowVisitor {
        void visit(ColumnarBatch batch, int row);
    }

    /**
     * Receives the rows of plain Parquet files with the partition values of their file's path (Hive-style
     * {@code name=value} folders, as Spark's {@code partitionBy} writes them; such columns are not in the files).
     */
    @FunctionalInterface
    public interface PartitionedRowVisitor {
        void visit(ColumnarBatch batch, int row, Map<String, String> partitionValues);
    }

    private final Configuration hadoop;
    private final Engine engine;

    public LocalTableScan(Configuration hadoop) {
        this.hadoop = hadoop;
        this.engine = DefaultEngine.create(hadoop);
    }

    /**
     * The Delta table's latest version; reading a choice (the model) and then the rows from one version keeps them
     * consistent while other runs commit.
     */
    public TableVersion latest(Path table) {
        try {
            return new TableVersion(table, Table.forPath(engine, table.toString()).getLatestSnapshot(engine));
        } catch (TableNotFoundException e) {
            throw new InvalidInputException(table + " has a Delta log without any commit (a run killed while"
                    + " creating it?); run annotate on that output again, or give another table.", e);
        }
    }

    /** The names of the version's columns, partition columns included. */
    public List<String> columnNames(TableVersion version) {
        return List.copyOf(version.snapshot().getSchema(engine).fieldNames());
    }

    /** The distinct values of a partition column over the snapshot's files, sorted. */
    public List<String> partitionValues(TableVersion version, String column) {
        TreeSet<String> values = new TreeSet<>();
        Scan scan = version.snapshot().getScanBuilder(engine).build();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        String value = InternalScanFileUtils.getPartitionValues(rows.next()).get(column);
                        if (value != null) {
                            values.add(value);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the files of the Delta table " + version.table(), e);
        }
        return List.copyOf(values);
    }

    /**
     * Visits the rows of the snapshot, with the columns of {@code readSchema}; {@code filter} prunes files by
     * partition values (rows of the files it keeps are all visited).
     */
    public void scanDelta(TableVersion version, StructType readSchema, Optional<Predicate> filter, RowVisitor visitor) {
        var builder = version.snapshot().getScanBuilder(engine).withReadSchema(engine, readSchema);
        Scan scan = filter.map(f -> builder.withFilter(engine, f)).orElse(builder).build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
                                Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)),
                                physicalSchema, Optional.empty());
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                     Scan.transformPhysicalData(engine, scanState, file, physical)) {
                            while (logical.hasNext()) {
                                visitSelected(logical.next(), visitor);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Delta table " + version.table(), e);
        }
    }

    /**
     * Visits the rows of the plain Parquet files under {@code directory} (Spark's {@code part-*} files; names
     * starting with {@code _} or {@code .} are not data), with the columns of {@code readSchema}; a column a file
     * lacks reads as null.
     */
    public void scanParquet(Path directory, StructType readSchema, PartitionedRowVisitor visitor) {
        String root = directory.toUri().getPath();
        try {
            for (FileStatus file : parquetFiles(directory)) {
                Map<String, String> partitionValues = partitionValues(root, new Path(file.getPath()));
                try (CloseableIterator<ColumnarBatch> batches = engine.getParquetHandler().readParquetFiles(
                        Utils.singletonCloseableIterator(file), readSchema, Optional.empty())) {
                    while (batches.hasNext()) {
                        visitSelected(new FilteredColumnarBatch(batches.next(), Optional.empty()),
                                (batch, row) -> visitor.visit(batch, row, partitionValues));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parquet files in " + directory, e);
        }
    }

    private static Map<String, String> partitionValues(String root, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path folder = file.getParent(); folder != null && !folder.toUri().getPath().equals(root);
             folder = folder.getParent()) {
            int equals = folder.getName().indexOf('=');
            if (equals > 0) {
                values.putIfAbsent(folder.getName().substring(0, equals),
                        ExternalCatalogUtils.unescapePathName(folder.getName().substring(equals + 1)));
            }
        }
        return values;
    }

    private List<FileStatus> parquetFiles(Path directory) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> listing = directory.getFileSystem(hadoop).listFiles(directory, true);
        while (listing.hasNext()) {
            LocatedFileStatus file = listing.next();
            String name = file.getPath().getName();
            if (name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
                files.add(FileStatus.of(file.getPath().toString(), file.getLen(), file.getModificationTime()));
            }
        }
        files.sort(Comparator.comparing(FileStatus::getPath));
        return files;
    }

    private static void visitSelected(FilteredColumnarBatch batch, RowVisitor visitor) {
        ColumnarBatch data = batch.getData();
        Optional<ColumnVector> selection = batch.getSelectionVector();
        for (int row = 0; row < data.getSize(); row++) {
            if (selection.isEmpty() || (!selection.get().isNullAt(row) && selection.get().getBoolean(row))) {
                visitor.visit(data, row);
            }
        }
    }
}
