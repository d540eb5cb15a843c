package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.TaskBox;
import java.util.List;

/**
 * A pose model shared by the concurrent tasks of an executor: pre-processing runs in parallel,
 * forward passes one at a time (one network per device).
 */
final class LockedPoseModel<I extends DecodedImage, C> implements PoseBatchModel<I, C> {

    private final PoseBatchModel<I, C> model;
    private final Object forwardLock = new Object();

    LockedPoseModel(PoseBatchModel<I, C> model) {
        this.model = model;
    }

    @Override
    public I decode(byte[] encoded, String name) {
        return model.decode(encoded, name);
    }

    @Override
    public C prepare(I image, TaskBox box) {
        return model.prepare(image, box);
    }

    @Override
    public List<PosePrediction> predict(List<C> crops) {
        synchronized (forwardLock) {
            return model.predict(crops);
        }
    }

    @Override
    public boolean[] keptByNms(List<TaskBox> boxes, List<PosePrediction> poses) {
        return model.keptByNms(boxes, poses);
    }

    @Override
    public void close() {
        synchronized (forwardLock) {
            model.close();
        }
    }
}
