package io.hrnetspark.model.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keypoint metadata of a pose dataset (names, flip pairs, skeleton, OKS sigmas), read from the
 * resource files beside this class and shared by decoding, NMS, evaluation and rendering.
 * All indices are 0-based.
 */
public record KeypointSpec(String name, List<String> keypoints, int[][] flipPairs, int[][] skeleton,
                           double[] sigmas) {

    public static final KeypointSpec COCO = load("coco");
    public static final KeypointSpec CROWDPOSE = load("crowdpose");

    /** The spec named {@code coco} or {@code crowdpose} (case-insensitive). */
    public static KeypointSpec byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "coco" -> COCO;
            case "crowdpose" -> CROWDPOSE;
            default -> throw new IllegalArgumentException(
                    "Unknown keypoint dataset '" + name + "': use coco or crowdpose.");
        };
    }

    /** The dataset whose people have {@code count} keypoints: COCO for 17, CrowdPose for 14. */
    public static Optional<KeypointSpec> withKeypoints(int count) {
        return Stream.of(COCO, CROWDPOSE).filter(spec -> spec.numKeypoints() == count).findFirst();
    }

    /**
     * What to do when a command meant for this dataset meets {@code count} keypoints per person, ending a
     * sentence: "use --dataset crowdpose" when another dataset has that many, else which counts work.
     */
    public String adviceFor(int count) {
        return withKeypoints(count).map(other -> "use --dataset " + other.name())
                .orElse("only COCO (17 keypoints) and CrowdPose (14 keypoints) are known");
    }

    public int numKeypoints() {
        return keypoints.size();
    }

    /** For each keypoint, the index of its mirror-image keypoint (itself when unpaired). */
    public int[] flipIndex() {
        int[] index = new int[numKeypoints()];
        for (int k = 0; k < index.length; k++) {
            index[k] = k;
        }
        for (int[] pair : flipPairs) {
            index[pair[0]] = pair[1];
            index[pair[1]] = pair[0];
        }
        return index;
    }

    private static KeypointSpec load(String name) {
        String resource = name + ".json";
        try (InputStream in = KeypointSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing keypoint metadata resource " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<String> names = new ArrayList<>();
            root.get("keypoints").forEach(n -> names.add(n.asText()));
            JsonNode rawSigmas = root.get("sigmasTimes10");
            double[] sigmas = new double[rawSigmas.size()];
            for (int i = 0; i < sigmas.length; i++) {
                // Same arithmetic as the official tools: np.array([.26, ...]) / 10.0 in float64.
                sigmas[i] = rawSigmas.get(i).asDouble() / 10.0;
            }
            return new KeypointSpec(root.get("name").asText(), List.copyOf(names),
                    pairs(root.get("flipPairs")), pairs(root.get("skeleton")), sigmas);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read keypoint metadata " + resource, e);
        }
    }

    private static int[][] pairs(JsonNode node) {
        int[][] pairs = new int[node.size()][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new int[] {node.get(i).get(0).asInt(), node.get(i).get(1).asInt()};
        }
        return pairs;
    }
}
