package io.hrnetspark.job.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hrnetspark.model.coco.CocoImage;
import io.hrnetspark.model.eval.ImageAnnotations;
import io.hrnetspark.model.eval.ImageMeanOks;
import io.hrnetspark.model.eval.KeypointErrors;
import io.hrnetspark.model.eval.MatchTally;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackedPartitionOutcomeTest {

    @Test
    void talliesErrorsAndWorstImagesSurviveSerializationExactly() throws Exception {
        MatchTally first = new MatchTally(5, 1, 0, new double[] {0.9876543210123456, 0.5},
                new int[] {0x3ff, 0}, new int[] {0, 0x200}, 3);
        MatchTally empty = new MatchTally(6, 2, 3, new double[0], new int[0], new int[0], 1);
        KeypointErrors errors = KeypointErrors.empty(2).plus(new KeypointErrors(new long[] {1, 2},
                new double[] {0.1, 0.2}, new double[] {0.3, 0.4}, new double[] {0.5, 0.6},
                new long[] {1, 0}, new long[] {0, 1}));

        RankedImage worst = new RankedImage(new ImageMeanOks(5, 0.25, 2, 1, Map.of(11L, 0.5)),
                new ImageAnnotations(new CocoImage(5, 640, 480, "a.jpg", null), List.of(), List.of()));

        PartitionOutcome back = roundTrip(new PartitionOutcome(List.of(first, empty), errors, List.of(worst), 42));

        assertEquals(42, back.images());
        assertArrayEquals(errors.termSum(), back.keypointErrors().termSum(), 0.0);
        assertArrayEquals(errors.within75(), back.keypointErrors().within75());
        assertEquals(List.of(worst), back.worstImages());
        assertEquals(2, back.tallies().size());
        for (int i = 0; i < 2; i++) {
            MatchTally expected = List.of(first, empty).get(i);
            MatchTally actual = back.tallies().get(i);
            assertEquals(expected.imageId(), actual.imageId());
            assertEquals(expected.categoryId(), actual.categoryId());
            assertEquals(expected.areaIndex(), actual.areaIndex());
            assertEquals(expected.numGt(), actual.numGt());
            assertArrayEquals(expected.scores(), actual.scores(), 0.0);
            assertArrayEquals(expected.matched(), actual.matched());
            assertArrayEquals(expected.ignored(), actual.ignored());
        }
        PartitionOutcome bare = roundTrip(new PartitionOutcome(List.of(), null, null, 0));
        assertNull(bare.keypointErrors());
        assertNull(bare.worstImages());
    }

    private static PartitionOutcome roundTrip(PartitionOutcome value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PartitionOutcome) in.readObject();
        }
    }
}
