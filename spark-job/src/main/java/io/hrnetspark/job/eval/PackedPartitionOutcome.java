package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.KeypointErrors;
import io.hrnetspark.model.eval.MatchTally;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The serialized form of {@link PartitionOutcome}: its tallies written field by field as
 * primitives rather than as one object graph per tally, since a partition sends back one tally
 * per image, category and area range; the few worst images travel as they are.
 */
final class PackedPartitionOutcome implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private transient PartitionOutcome value;

    PackedPartitionOutcome(PartitionOutcome value) {
        this.value = value;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeLong(value.images());
        out.writeObject(value.keypointErrors());
        out.writeObject(value.worstImages() == null ? null : new ArrayList<>(value.worstImages()));
        out.writeInt(value.tallies().size());
        for (MatchTally tally : value.tallies()) {
            out.writeLong(tally.imageId());
            out.writeInt(tally.categoryId());
            out.writeInt(tally.areaIndex());
            out.writeInt(tally.numGt());
            out.writeInt(tally.scores().length);
            for (double score : tally.scores()) {
                out.writeDouble(score);
            }
            writeInts(out, tally.matched());
            writeInts(out, tally.ignored());
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        long images = in.readLong();
        KeypointErrors errors = (KeypointErrors) in.readObject();
        @SuppressWarnings("unchecked")
        List<RankedImage> worstImages = (List<RankedImage>) in.readObject();
        int count = in.readInt();
        List<MatchTally> tallies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long imageId = in.readLong();
            int categoryId = in.readInt();
            int areaIndex = in.readInt();
            int numGt = in.readInt();
            double[] scores = new double[in.readInt()];
            for (int d = 0; d < scores.length; d++) {
                scores[d] = in.readDouble();
            }
            tallies.add(new MatchTally(imageId, categoryId, areaIndex, scores, readInts(in),
                    readInts(in), numGt));
        }
        value = new PartitionOutcome(tallies, errors, worstImages, images);
    }

    @Serial
    private Object readResolve() {
        return value;
    }

    private static void writeInts(ObjectOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(ObjectInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }
}
