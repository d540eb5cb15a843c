package io.hrnetspark.model.pose.bottomup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code match_by_tag} of the official grouping: joints are visited in a fixed order (head, shoulders,
 * hips, then the limbs); each candidate above the detection threshold joins the person whose mean
 * tag it is assigned to by a minimum-cost matching (tag distance, rounded, x 100 minus the peak
 * value), if that distance is below the tag threshold, or else starts a new person.
 *
 * <p>People are kept in creation order, keyed (as officially) by the first tag value of the
 * candidate that created them: a candidate whose first tag value equals an existing key joins that
 * person and restarts its tag list.
 */
final class TagMatcher {

    /** The official visiting order (1-based: 1..7, 12, 13, 8..11, 14..17) for up to 17 joints. */
    private static final int[] JOINT_ORDER = {0, 1, 2, 3, 4, 5, 6, 11, 12, 7, 8, 9, 10, 13, 14, 15, 16};
    private static final double UNMATCHED_COST = 1e10;

    private final GroupingSettings settings;
    private final int[] order;

    TagMatcher(GroupingSettings settings) {
        this.settings = settings;
        int numJoints = settings.numJoints();
        if (numJoints > JOINT_ORDER.length || numJoints < 13) {
            throw new IllegalArgumentException("The official grouping order covers 13 to 17 joints, not "
                    + numJoints);
        }
        order = Arrays.copyOf(JOINT_ORDER, numJoints);
    }

    /** Joints [x, y, value, tag...] per person ({@code numJoints x (3 + D)}, zeros where absent), creation order. */
    List<float[][]> match(List<PeakCandidates> candidates, int tagDim) {
        Map<Float, Person> people = new LinkedHashMap<>();
        for (int i = 0; i < order.length; i++) {
            int joint = order[i];
            PeakCandidates peaks = candidates.get(joint);
            List<Integer> kept = new ArrayList<>();
            for (int c = 0; c < peaks.size(); c++) {
                if (peaks.values()[c] > settings.detectionThreshold()) {
                    kept.add(c);
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            if (i == 0 || people.isEmpty()) {
                for (int c : kept) {
                    startOrRestart(people, joint, peaks, c, tagDim);
                }
                continue;
            }
            List<Person> grouped = new ArrayList<>(people.values())
                    .subList(0, Math.min(people.size(), settings.maxNumPeople()));
            if (settings.ignoreTooMuch() && grouped.size() == settings.maxNumPeople()) {
                continue;
            }
            assign(people, grouped, joint, peaks, kept, tagDim);
        }
        List<float[][]> result = new ArrayList<>(people.size());
        people.values().forEach(person -> result.add(person.joints));
        return result;
    }

    private void assign(Map<Float, Person> people, List<Person> grouped, int joint, PeakCandidates peaks,
                        List<Integer> kept, int tagDim) {
        int added = kept.size();
        int numGrouped = grouped.size();
        float[][] meanTags = new float[numGrouped][];
        for (int p = 0; p < numGrouped; p++) {
            meanTags[p] = grouped.get(p).meanTag(tagDim);
        }
        double[][] distance = new double[added][numGrouped];
        double[][] cost = new double[added][Math.max(added, numGrouped)];
        for (int r = 0; r < added; r++) {
            int c = kept.get(r);
            for (int p = 0; p < numGrouped; p++) {
                double squares = 0;
                for (int d = 0; d < tagDim; d++) {
                    double diff = (double) peaks.tags()[c][d] - (double) meanTags[p][d];
                    squares += diff * diff;
                }
                distance[r][p] = Math.sqrt(squares);
                cost[r][p] = settings.useDetectionVal()
                        ? Math.rint(distance[r][p]) * 100 - (double) peaks.values()[c]
                        : distance[r][p];
            }
            for (int p = numGrouped; p < added; p++) {
                cost[r][p] = UNMATCHED_COST;
            }
        }
        for (int[] pair : MunkresAssignment.compute(cost)) {
            int row = pair[0];
            int col = pair[1];
            int c = kept.get(row);
            if (col < numGrouped && distance[row][col] < settings.tagThreshold()) {
                Person person = grouped.get(col);
                person.joints[joint] = row(peaks, c, tagDim);
                person.tags.add(peaks.tags()[c]);
            } else {
                startOrRestart(people, joint, peaks, c, tagDim);
            }
        }
    }

    /** {@code joint_dict.setdefault(tag[0], zeros)[joint] = candidate; tag_dict[tag[0]] = [tag]}. */
    private void startOrRestart(Map<Float, Person> people, int joint, PeakCandidates peaks, int c, int tagDim) {
        float key = peaks.tags()[c][0];
        Person person = people.computeIfAbsent(key == 0f ? 0f : key, k -> new Person(settings.numJoints(), tagDim));
        person.joints[joint] = row(peaks, c, tagDim);
        person.tags.clear();
        person.tags.add(peaks.tags()[c]);
    }

    private static float[] row(PeakCandidates peaks, int c, int tagDim) {
        float[] row = new float[3 + tagDim];
        row[0] = peaks.x()[c];
        row[1] = peaks.y()[c];
        row[2] = peaks.values()[c];
        System.arraycopy(peaks.tags()[c], 0, row, 3, tagDim);
        return row;
    }

    /** A person being grouped: its joints and the tags of the candidates it took. */
    private static final class Person {

        final float[][] joints;
        final List<float[]> tags = new ArrayList<>();

        Person(int numJoints, int tagDim) {
            joints = new float[numJoints][3 + tagDim];
        }

        /** {@code np.mean(tags, axis=0)} in float32. */
        float[] meanTag(int tagDim) {
            float[] mean = new float[tagDim];
            for (float[] tag : tags) {
                for (int d = 0; d < tagDim; d++) {
                    mean[d] += tag[d];
                }
            }
            for (int d = 0; d < tagDim; d++) {
                mean[d] /= tags.size();
            }
            return mean;
        }
    }
}
