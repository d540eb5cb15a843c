package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.net.ExecutionPlan.Kind;
import io.hrnetspark.model.net.FusedPlan.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sums and ReLUs of HRNet fold into the ops before them, so few memory-bound ops remain. */
class FusedPlanTest {

    @Test
    void everyReluAndAllButFourSumsOfTheTinyPoseNetworkAreFused() {
        ExecutionPlan plan = ExecutionPlan.record(new TopDownPoseNetwork(PoseTinyFixture.config()),
                new FeatureShape(3, 128, 96));
        FusedPlan fused = FusedPlan.of(plan);
        long adds = plan.steps().stream().filter(s -> s.kind() == Kind.ADD).count();
        long relus = plan.steps().stream().filter(s -> s.kind() == Kind.RELU).count();
        List<Op> ops = fused.ops();
        assertEquals(0, ops.stream().filter(op -> op.step().kind() == Kind.RELU).count());
        // Left alone: the sum that adds branch i's own map after two or more lower-branch convolutions were
        // already summed (outputs 2 of the two stage-3 modules and outputs 2 and 3 of the first stage-4 one).
        assertEquals(4, ops.stream().filter(op -> op.step().kind() == Kind.ADD).count());
        assertEquals(adds - 4, ops.stream().filter(op -> op.accumulator() >= 0).count());
        assertEquals(relus, ops.stream().filter(Op::relu).count());
        assertEquals(plan.steps().size() - (adds - 4) - relus, ops.size());
    }

    @Test
    void everyOpReadsOnlyTensorsWrittenBeforeIt() {
        for (NetworkDefinition network : List.of(new TopDownPoseNetwork(PoseTinyFixture.config()),
                HigherTinyFixture.network(), new SegmentationNetwork(SegTinyFixture.config()))) {
            ExecutionPlan plan = ExecutionPlan.record(network, new FeatureShape(3, 128, 128));
            boolean[] written = new boolean[plan.tensors()];
            written[ExecutionPlan.INPUT] = true;
            for (Op op : FusedPlan.of(plan).ops()) {
                for (int read : op.reads()) {
                    assertTrue(written[read], "op " + op + " reads tensor " + read + " before it is written");
                }
                written[op.output()] = true;
            }
            for (int output : plan.outputs()) {
                assertTrue(written[output]);
            }
        }
    }
}
