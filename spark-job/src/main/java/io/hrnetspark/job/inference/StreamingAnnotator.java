package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.storage.FileVersion;
import io.hrnetspark.job.storage.StoredFile;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.image.ImageHeader;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.predict.PreparedInput;
import io.hrnetspark.model.predict.StreamBatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Annotates a stream of work items with bounded memory, for any head. A background thread reads each
 * image, checks its header against the pixel limit, decodes it, checks its person boxes (top-down) and
 * prepares the predictor's samples; the calling thread feeds the prepared inputs to a
 * {@link StreamBatcher}, which runs forward passes of {@code batchSize} samples of one shape (crops of
 * consecutive images, whole images of the same resized size, windows) and decodes each image once all
 * its samples are done. Outcomes come out in stream order. Only the last batch of a stream of one
 * shape may be smaller than {@code batchSize}.
 *
 * <p>Memory: the batcher holds at most its window (two batches) of samples plus the rest of the last
 * image added, and the background thread prepares at most about two batches of samples ahead
 * (estimated from the samples per box, or per image, seen so far), so a task holds about four batches
 * of samples and two images' worth beyond them, whatever the stream's length. One image decodes at a time
 * per task, bounded by the pixel limit: about 3 bytes per pixel for its 8-bit RGB copy plus the
 * decoder's own buffer.
 *
 * <p>Bad inputs (unreadable or undecodable files, images declaring more pixels than the limit,
 * uncroppable boxes, inputs the predictor cannot prepare) become errors of their image's outcome;
 * results with a value that is not a finite number become errors, never rows; failures of the
 * network itself propagate, so Spark retries the task.
 *
 * @param <I> the predictor's input
 * @param <R> the predictor's per-image result
 * @param <T> one row's worth of a result
 */
public final class StreamingAnnotator<I, R, T> implements Iterator<ImageOutcome<T>>, AutoCloseable {

    private final Iterator<ImageTask> tasks;
    private final ImageBytes source;
    private final BatchPredictor<I, R> predictor;
    private final HeadInputs<I, R, T> head;
    private final int batchSize;
    private final long maxImagePixels;
    private final AnnotationProgress progress;
    private final ExecutorService preparer;
    private final StreamBatcher<PreparedImage, R> batcher;

    private final Deque<Future<Prepared<R>>> preparing = new ArrayDeque<>();
    private final Deque<ImageTask> preparingTasks = new ArrayDeque<>();
    private final Deque<ImageOutcome<T>> ready = new ArrayDeque<>();
    private long samplesAdded;
    private long samplesForwarded;
    private long workPrepared;
    private long samplesPrepared;
    private boolean closed;

    /**
     * An image as the background work left it: the task's index of each box prepared, the errors met so
     * far, and whether it has a prepared input (false when it failed before). Holds no samples.
     */
    private record PreparedImage(ImageTask task, FileVersion file, int width, int height, List<Integer> boxIndices,
                                 List<ImageError> errors, boolean prepared) {
    }

    /** The background work's result for one image: the image and its prepared input (null when it failed). */
    private record Prepared<R>(PreparedImage image, PreparedInput<R> input) {

        static <R> Prepared<R> failed(ImageTask task, FileVersion file, List<ImageError> errors) {
            return new Prepared<>(new PreparedImage(task, file, 0, 0, List.of(), errors, false), null);
        }

        int samples() {
            return input == null ? 0 : input.samples().size();
        }
    }

    /**
     * @param batchSize      network samples per forward pass
     * @param maxImagePixels images whose header declares more pixels are refused before decoding
     * @param threads        creates the background thread (e.g. bound to the task's device)
     */
    public StreamingAnnotator(Iterator<ImageTask> tasks, ImageBytes source, BatchPredictor<I, R> predictor,
                              HeadInputs<I, R, T> head, int batchSize, long maxImagePixels, ThreadFactory threads,
                              AnnotationProgress progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1");
        }
        this.tasks = tasks;
        this.source = source;
        this.predictor = predictor;
        this.head = head;
        this.batchSize = batchSize;
        this.maxImagePixels = maxImagePixels;
        this.progress = progress;
        this.preparer = Executors.newSingleThreadExecutor(threads);
        this.batcher = new StreamBatcher<>(predictor, batchSize);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !closed && advance()) {
            // each step hands back an image, takes in a prepared one or runs a batch
        }
        if (ready.isEmpty()) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public ImageOutcome<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Samples held right now: in the batcher (waiting or not yet decoded) and prepared ahead. */
    int samplesInFlight() {
        return batcher.samplesHeld() + (int) estimatedPreparing();
    }

    private boolean advance() {
        prepareAhead();
        StreamBatcher.Completed<PreparedImage, R> completed = batcher.poll();
        if (completed != null) {
            finish(completed.key(), completed.result());
            return true;
        }
        long queued = samplesAdded - samplesForwarded;
        if (!preparing.isEmpty() && batcher.wantsInput() && (preparing.peek().isDone() || queued < batchSize)) {
            accept(awaitNextPrepared());
            return true;
        }
        if (queued > 0) {
            long before = batcher.stats().samples();
            batcher.runBatch();
            long forwarded = batcher.stats().samples() - before;
            samplesForwarded += forwarded;
            progress.samplesPredicted(forwarded);
            return true;
        }
        if (!preparing.isEmpty()) {
            accept(awaitNextPrepared());
            return true;
        }
        return false;
    }

    /** Submits images to the background thread while less than about two batches of samples are being prepared. */
    private void prepareAhead() {
        while (tasks.hasNext() && (preparing.isEmpty() || estimatedPreparing() < 2L * batchSize)) {
            ImageTask task = tasks.next();
            preparingTasks.add(task);
            preparing.add(preparer.submit(() -> prepare(task)));
        }
    }

    /** The samples of the images being prepared, estimated from those prepared so far (one per unit of work at first). */
    private long estimatedPreparing() {
        double perWork = workPrepared == 0 ? 1 : Math.max(1, (double) samplesPrepared / workPrepared);
        double estimate = 0;
        for (ImageTask task : preparingTasks) {
            estimate += perWork * task.work();
        }
        return (long) Math.ceil(estimate);
    }

    private Prepared<R> awaitNextPrepared() {
        Future<Prepared<R>> next = preparing.poll();
        ImageTask task = preparingTasks.poll();
        try {
            Prepared<R> image = next.get();
            if (image.input() != null) {
                workPrepared += task.work();
                samplesPrepared += image.samples();
            }
            return image;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing images", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Preparing an image failed unexpectedly", e.getCause());
        }
    }

    private void accept(Prepared<R> prepared) {
        if (prepared.input() == null) {
            batcher.skip(prepared.image());
        } else {
            batcher.add(prepared.image(), prepared.input());
            samplesAdded += prepared.samples();
        }
    }

    /** Runs on the background thread: read, check the header, decode, check boxes, prepare. */
    private Prepared<R> prepare(ImageTask task) {
        List<ImageError> errors = new ArrayList<>();
        StoredFile file;
        try {
            file = source.read(task);
        } catch (Exception e) {
            errors.add(ImageError.of(ErrorStage.READ, null, e));
            return Prepared.failed(task, null, errors);
        }
        RgbImage image;
        try {
            if (file.bytes().length == 0) {
                throw new InvalidInputException("Image file " + task.filePath() + " is empty (0 bytes).");
            }
            ImageHeader.read(file.bytes(), task.filePath()).requireAtMost(maxImagePixels, task.filePath());
            image = RgbImage.decode(file.bytes(), task.filePath());
        } catch (RuntimeException e) {
            errors.add(ImageError.of(ErrorStage.DECODE, null, e));
            return Prepared.failed(task, file.version(), errors);
        }
        try (image) {
            List<Integer> indices = new ArrayList<>();
            List<PersonBox> boxes = new ArrayList<>();
            if (head.takesBoxes()) {
                for (int i = 0; i < task.boxes().size(); i++) {
                    PersonBox box = task.boxes().get(i);
                    String problem = BoxCheck.problem(i, box, image.width(), image.height(), task.filePath());
                    if (problem == null) {
                        indices.add(i);
                        boxes.add(box);
                    } else {
                        errors.add(new ImageError(ErrorStage.BOX, i, InvalidInputException.class.getName(), problem));
                    }
                }
            }
            PreparedInput<R> input = prepareInput(image, indices, boxes, errors);
            if (input == null) {
                return Prepared.failed(task, file.version(), errors);
            }
            return new Prepared<>(new PreparedImage(task, file.version(), image.width(), image.height(),
                    List.copyOf(indices), errors, true), input);
        }
    }

    /**
     * The predictor's input of the image and its boxes. When it cannot be prepared, the boxes that
     * cannot are found one by one, recorded as crop errors and left out; an image without boxes that
     * cannot be prepared is a crop error of the whole image (null).
     */
    private PreparedInput<R> prepareInput(RgbImage image, List<Integer> indices, List<PersonBox> boxes,
                                          List<ImageError> errors) {
        try {
            return predictor.prepare(head.input(image, boxes));
        } catch (RuntimeException e) {
            if (boxes.isEmpty()) {
                errors.add(ImageError.of(ErrorStage.CROP, null, e));
                return null;
            }
        }
        List<Integer> keptIndices = new ArrayList<>();
        List<PersonBox> kept = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            try {
                predictor.prepare(head.input(image, List.of(boxes.get(i))));
                keptIndices.add(indices.get(i));
                kept.add(boxes.get(i));
            } catch (RuntimeException e) {
                errors.add(ImageError.of(ErrorStage.CROP, indices.get(i), e));
            }
        }
        indices.retainAll(keptIndices);
        return predictor.prepare(head.input(image, kept));
    }

    /** Emits the image's outcome. */
    private void finish(PreparedImage prepared, R result) {
        List<ImageError> errors = new ArrayList<>(prepared.errors());
        List<T> results = prepared.prepared() ? head.results(prepared.task(), prepared.boxIndices(), result, errors)
                : List.of();
        ready.add(new ImageOutcome<>(prepared.task(), prepared.file(), prepared.width(), prepared.height(), results,
                errors));
        progress.imageDone();
    }

    /** Stops the background thread; safe to call more than once (Spark calls it when the task ends). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        preparer.shutdownNow();
        preparing.forEach(f -> f.cancel(true));
        preparing.clear();
        preparingTasks.clear();
    }
}
