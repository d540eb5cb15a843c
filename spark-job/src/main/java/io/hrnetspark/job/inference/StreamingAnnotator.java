package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.TaskBox;
import io.hrnetspark.job.storage.FileVersion;
import io.hrnetspark.job.storage.StoredFile;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.image.ImageHeader;
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
 * Annotates a stream of work items with bounded memory. A background thread reads, decodes and crops
 * the next images while the calling thread runs the network; crops from consecutive images fill
 * fixed-size batches (only the last batch of the stream may be smaller); an image's outcome is
 * emitted once all its crops are predicted. At most about two batches of crops are held at a time,
 * whatever the length of the stream.
 *
 * <p>Bad inputs (unreadable or undecodable files, images declaring more pixels than the limit,
 * uncroppable boxes) become errors of their image's outcome; failures of the network itself propagate,
 * so Spark retries the task. Decoding memory is bounded by the pixel limit: one image decodes at a
 * time per task, about 3 bytes per pixel for its 8-bit RGB copy plus the decoder's own buffer.
 */
public final class StreamingAnnotator<I extends DecodedImage, C> implements Iterator<ImageOutcome>, AutoCloseable {

    private final Iterator<ImageTask> tasks;
    private final ImageBytes source;
    private final PoseBatchModel<I, C> model;
    private final int batchSize;
    private final long maxImagePixels;
    private final int lookaheadCrops;
    private final AnnotationProgress progress;
    private final ExecutorService preparer;

    private final Deque<Future<PreparedImage<C>>> preparing = new ArrayDeque<>();
    private int cropsPreparing;
    private final Deque<CropSlot<C>> queued = new ArrayDeque<>();
    private final Deque<ImageOutcome> ready = new ArrayDeque<>();
    private boolean closed;

    /** The result of the background work for one image: its crops, or the errors that stopped it. */
    private record PreparedImage<C>(ImageTask task, FileVersion file, int width, int height, List<TaskBox> boxes,
                                    List<C> crops, List<ImageError> errors) {
    }

    /** An image whose crops are being predicted; complete when no pose is missing. */
    private static final class PendingImage {
        final PreparedImage<?> prepared;
        final PosePrediction[] poses;
        int remaining;

        PendingImage(PreparedImage<?> prepared) {
            this.prepared = prepared;
            this.poses = new PosePrediction[prepared.crops().size()];
            this.remaining = poses.length;
        }
    }

    private record CropSlot<C>(PendingImage image, int position, C crop) {
    }

    /**
     * @param maxImagePixels images whose header declares more pixels are refused before decoding
     * @param threads        creates the background thread (e.g. bound to the task's device)
     */
    public StreamingAnnotator(Iterator<ImageTask> tasks, ImageBytes source, PoseBatchModel<I, C> model,
                              int batchSize, long maxImagePixels, ThreadFactory threads,
                              AnnotationProgress progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1");
        }
        this.tasks = tasks;
        this.source = source;
        this.model = model;
        this.batchSize = batchSize;
        this.maxImagePixels = maxImagePixels;
        this.lookaheadCrops = 2 * batchSize;
        this.progress = progress;
        this.preparer = Executors.newSingleThreadExecutor(threads);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !closed && advance()) {
            // each step predicts a batch or takes in a prepared image
        }
        if (ready.isEmpty()) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public ImageOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Crops held right now (queued for a batch or being prepared): bounded by about two batches. */
    int cropsInFlight() {
        return queued.size() + cropsPreparing;
    }

    private boolean advance() {
        prepareAhead();
        if (queued.size() >= batchSize) {
            predictBatch();
            return true;
        }
        if (!preparing.isEmpty()) {
            accept(awaitNextPrepared());
            return true;
        }
        if (!queued.isEmpty()) {
            predictBatch();
            return true;
        }
        return false;
    }

    private void prepareAhead() {
        while (tasks.hasNext() && (preparing.isEmpty() || queued.size() + cropsPreparing < lookaheadCrops)) {
            ImageTask task = tasks.next();
            cropsPreparing += task.work();
            preparing.add(preparer.submit(() -> prepare(task)));
        }
    }

    private PreparedImage<C> awaitNextPrepared() {
        Future<PreparedImage<C>> next = preparing.poll();
        try {
            PreparedImage<C> image = next.get();
            cropsPreparing -= image.task().work();
            return image;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing images", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Preparing an image failed unexpectedly", e.getCause());
        }
    }

    /** Runs on the background thread: read, decode, check boxes, crop. */
    private PreparedImage<C> prepare(ImageTask task) {
        List<ImageError> errors = new ArrayList<>();
        StoredFile file;
        try {
            file = source.read(task);
        } catch (Exception e) {
            errors.add(ImageError.of(ErrorStage.READ, null, e));
            return new PreparedImage<>(task, null, 0, 0, List.of(), List.of(), errors);
        }
        I image;
        try {
            if (file.bytes().length == 0) {
                throw new InvalidInputException("Image file " + task.filePath() + " is empty (0 bytes).");
            }
            ImageHeader.read(file.bytes(), task.filePath()).requireAtMost(maxImagePixels, task.filePath());
            image = model.decode(file.bytes(), task.filePath());
        } catch (RuntimeException e) {
            errors.add(ImageError.of(ErrorStage.DECODE, null, e));
            return new PreparedImage<>(task, file.version(), 0, 0, List.of(), List.of(), errors);
        }
        try (image) {
            List<TaskBox> boxes = new ArrayList<>();
            List<C> crops = new ArrayList<>();
            for (TaskBox box : task.boxes()) {
                String problem = BoxCheck.problem(box, image.width(), image.height(), task.filePath());
                if (problem != null) {
                    errors.add(new ImageError(ErrorStage.BOX, box.index(),
                            InvalidInputException.class.getName(), problem));
                    continue;
                }
                try {
                    crops.add(model.prepare(image, box));
                    boxes.add(box);
                } catch (RuntimeException e) {
                    errors.add(ImageError.of(ErrorStage.CROP, box.index(), e));
                }
            }
            return new PreparedImage<>(task, file.version(), image.width(), image.height(), boxes, crops, errors);
        }
    }

    private void accept(PreparedImage<C> prepared) {
        PendingImage pending = new PendingImage(prepared);
        if (pending.remaining == 0) {
            finish(pending);
            return;
        }
        for (int i = 0; i < prepared.crops().size(); i++) {
            queued.add(new CropSlot<>(pending, i, prepared.crops().get(i)));
        }
    }

    private void predictBatch() {
        int size = Math.min(batchSize, queued.size());
        List<CropSlot<C>> slots = new ArrayList<>(size);
        List<C> crops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            CropSlot<C> slot = queued.poll();
            slots.add(slot);
            crops.add(slot.crop());
        }
        List<PosePrediction> poses = model.predict(crops);
        if (poses.size() != size) {
            throw new IllegalStateException("The model returned " + poses.size() + " poses for " + size + " crops");
        }
        progress.cropsPredicted(size);
        for (int i = 0; i < size; i++) {
            PendingImage image = slots.get(i).image();
            image.poses[slots.get(i).position()] = poses.get(i);
            if (--image.remaining == 0) {
                finish(image);
            }
        }
    }

    /** Emits the image's outcome; a pose with a value that is not finite becomes an error, never a row. */
    private void finish(PendingImage image) {
        PreparedImage<?> prepared = image.prepared;
        List<TaskBox> boxes = new ArrayList<>();
        List<PosePrediction> poses = new ArrayList<>();
        List<ImageError> errors = new ArrayList<>(prepared.errors());
        for (int i = 0; i < prepared.boxes().size(); i++) {
            TaskBox box = prepared.boxes().get(i);
            if (isFinite(image.poses[i])) {
                boxes.add(box);
                poses.add(image.poses[i]);
            } else {
                errors.add(new ImageError(ErrorStage.PREDICT, box.index(), ArithmeticException.class.getName(),
                        "The pose of box " + box.index() + " of " + prepared.task().filePath()
                                + " has a value that is not a finite number (the box or its score is out of range); "
                                + "it was not written."));
            }
        }
        List<PersonResult> persons = new ArrayList<>(boxes.size());
        if (!boxes.isEmpty()) {
            boolean[] kept = model.keptByNms(boxes, poses);
            if (kept.length != boxes.size()) {
                throw new IllegalStateException("OKS-NMS returned " + kept.length + " flags for "
                        + boxes.size() + " persons");
            }
            for (int i = 0; i < kept.length; i++) {
                persons.add(new PersonResult(boxes.get(i), poses.get(i), kept[i]));
            }
        }
        ready.add(new ImageOutcome(prepared.task(), prepared.file(), prepared.width(), prepared.height(), persons,
                errors));
        progress.imageDone();
    }

    private static boolean isFinite(PosePrediction pose) {
        if (!Double.isFinite(pose.score())) {
            return false;
        }
        for (float[] keypoint : pose.keypoints()) {
            for (float value : keypoint) {
                if (!Float.isFinite(value)) {
                    return false;
                }
            }
        }
        return true;
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
        queued.clear();
    }
}
