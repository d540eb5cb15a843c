package io.hrnetspark.model.coco;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A COCO-format dataset held in memory: ground truth read from a file, or results made from it
 * with {@link #loadRes}, which follows {@code pycocotools.coco.COCO.loadRes}.
 */
public final class CocoDataset {

    private final String source;
    private final List<CocoImage> images;
    private final List<CocoCategory> categories;
    private final List<CocoAnnotation> annotations;
    private final Map<Long, CocoImage> imagesById;

    private CocoDataset(String source, List<CocoImage> images, List<CocoCategory> categories,
                        List<CocoAnnotation> annotations) {
        this.source = source;
        this.images = List.copyOf(images);
        this.categories = List.copyOf(categories);
        this.annotations = Collections.unmodifiableList(annotations);
        this.imagesById = new HashMap<>();
        for (CocoImage image : images) {
            if (imagesById.put(image.id(), image) != null) {
                throw new InvalidInputException(source + " lists image id " + image.id()
                        + " twice; image ids must be unique.");
            }
        }
    }

    /** Reads a ground-truth file ({@code images}, {@code annotations}, {@code categories}). */
    public static CocoDataset load(Path file) {
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Reads ground truth from a stream; {@code source} names it in messages. */
    public static CocoDataset read(InputStream in, String source) {
        GroundTruthFile file = CocoJson.read(in, GroundTruthFile.class, source,
                "COCO ground-truth file");
        requirePresent(file.images, "images", source);
        requirePresent(file.annotations, "annotations", source);
        requirePresent(file.categories, "categories", source);
        Set<Long> ids = new HashSet<>();
        for (CocoAnnotation ann : file.annotations) {
            if (ann.id() == null || ann.id() == 0) {
                throw new InvalidInputException(source + " has an annotation in image "
                        + ann.imageId() + " without a non-zero id; the evaluator records matches by"
                        + " annotation id, with 0 meaning unmatched.");
            }
            if (!ids.add(ann.id())) {
                throw new InvalidInputException(source + " has annotation id " + ann.id()
                        + " twice; annotation ids must be unique.");
            }
        }
        return new CocoDataset(source, file.images, file.categories, new ArrayList<>(file.annotations));
    }

    /** {@code COCO.loadRes} on a results file: a JSON array of result objects. */
    public CocoDataset loadRes(Path resultsFile) {
        try (InputStream in = open(resultsFile)) {
            return loadRes(in, resultsFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resultsFile, e);
        }
    }

    /** {@code COCO.loadRes} on a results stream; {@code resultSource} names it in messages. */
    public CocoDataset loadRes(InputStream in, String resultSource) {
        List<CocoAnnotation> entries = new ArrayList<>();
        try (JsonParser parser = CocoJson.MAPPER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException(resultSource
                        + " must hold a JSON array of result objects, as COCO results files do.");
            }
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                MappingIterator<CocoAnnotation> it = CocoJson.MAPPER
                        .readerFor(CocoAnnotation.class).readValues(parser);
                while (it.hasNextValue()) {
                    entries.add(it.nextValue());
                }
            }
        } catch (JsonProcessingException e) {
            throw CocoJson.invalid(e, resultSource, "COCO results file", "[" + entries.size() + "].");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resultSource, e);
        }
        return loadRes(entries, resultSource);
    }

    /**
     * {@code COCO.loadRes} on result entries already in memory, in file order: the first entry
     * chooses the branch (non-empty {@code bbox}, else {@code segmentation}, else
     * {@code keypoints}); entry i gets id i+1 and the area/box of that branch.
     */
    public CocoDataset loadRes(List<CocoAnnotation> entries, String resultSource) {
        if (entries.isEmpty()) {
            throw new InvalidInputException(resultSource
                    + " holds no results; there is nothing to evaluate.");
        }
        checkImagesKnown(entries, resultSource);
        CocoAnnotation first = entries.get(0);
        List<CocoAnnotation> results = new ArrayList<>(entries.size());
        if (first.bbox() != null && first.bbox().length > 0) {
            for (int i = 0; i < entries.size(); i++) {
                results.add(boxResult(entries.get(i), i, resultSource));
            }
        } else if (first.segmentation() != null) {
            for (int i = 0; i < entries.size(); i++) {
                results.add(ResultMasks.maskResult(entries.get(i), i, resultSource));
            }
        } else if (first.keypoints() != null) {
            for (int i = 0; i < entries.size(); i++) {
                results.add(keypointResult(entries.get(i), i, resultSource));
            }
        } else {
            throw new InvalidInputException(resultSource + ": the first result has none of bbox,"
                    + " segmentation or keypoints, so its type is unknown; results need one of them.");
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).score() == null) {
                throw new InvalidInputException(resultSource + ": result " + (i + 1)
                        + " has no score; every result needs one.");
            }
        }
        return new CocoDataset(resultSource, images, categories, results);
    }

    private void checkImagesKnown(List<CocoAnnotation> entries, String resultSource) {
        Set<Long> unknown = new TreeSet<>();
        for (CocoAnnotation entry : entries) {
            if (!imagesById.containsKey(entry.imageId())) {
                unknown.add(entry.imageId());
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(resultSource + " has results for " + unknown.size()
                    + " image id(s) absent from the ground truth " + source + " (first: "
                    + unknown.iterator().next() + "); evaluate results against the ground truth"
                    + " they were made for.");
        }
    }

    private static void requirePresent(List<?> list, String name, String source) {
        if (list == null) {
            throw new InvalidInputException(source + " has no '" + name
                    + "' list; a COCO ground-truth file needs images, annotations and categories.");
        }
    }

    private static CocoAnnotation boxResult(CocoAnnotation entry, int index, String resultSource) {
        double[] bb = entry.bbox();
        if (bb == null || bb.length != 4) {
            throw new InvalidInputException(resultSource + ": result " + (index + 1) + " has "
                    + (bb == null ? "no bbox" : "a bbox of " + bb.length + " numbers")
                    + " but the first result has one, so every result needs [x, y, w, h].");
        }
        JsonNode segmentation = entry.segmentation();
        if (segmentation == null) {
            double x1 = bb[0];
            double x2 = bb[0] + bb[2];
            double y1 = bb[1];
            double y2 = bb[1] + bb[3];
            ArrayNode polygon = JsonNodeFactory.instance.arrayNode();
            for (double v : new double[] {x1, y1, x1, y2, x2, y2, x2, y1}) {
                polygon.add(v);
            }
            segmentation = JsonNodeFactory.instance.arrayNode().add(polygon);
        }
        return entry.asResult(index + 1, bb[2] * bb[3], bb, segmentation, 0);
    }

    private static CocoAnnotation keypointResult(CocoAnnotation entry, int index,
                                                 String resultSource) {
        double[] kp = entry.keypoints();
        if (kp == null || kp.length < 3) {
            throw new InvalidInputException(resultSource + ": result " + (index + 1) + " has "
                    + (kp == null ? "no keypoints" : "fewer than 3 keypoint values")
                    + " but the first result has keypoints, so every result needs [x, y, score] per keypoint.");
        }
        return entry.asKeypointResult(index + 1);
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("File " + file + " does not exist; check the path.", e);
        }
    }

    /** Where this dataset came from, for messages. */
    public String source() {
        return source;
    }

    /** Images in file order. */
    public List<CocoImage> images() {
        return images;
    }

    /** Categories in file order. */
    public List<CocoCategory> categories() {
        return categories;
    }

    /** Annotations (ground truth) or results, in file order. */
    public List<CocoAnnotation> annotations() {
        return annotations;
    }

    /** The image with this id, or {@code null}. */
    public CocoImage image(long id) {
        return imagesById.get(id);
    }

    /** Image ids, sorted ascending ({@code sorted(getImgIds())}). */
    public long[] sortedImageIds() {
        return imagesById.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Category ids, sorted ascending and unique ({@code sorted(getCatIds())}). */
    public int[] sortedCategoryIds() {
        return categories.stream().mapToInt(CocoCategory::id).distinct().sorted().toArray();
    }

    private record GroundTruthFile(List<CocoImage> images, List<CocoAnnotation> annotations,
                                   List<CocoCategory> categories) {
        @JsonCreator
        GroundTruthFile(@JsonProperty("images") List<CocoImage> images,
                        @JsonProperty("annotations") List<CocoAnnotation> annotations,
                        @JsonProperty("categories") List<CocoCategory> categories) {
            this.images = images;
            this.annotations = annotations;
            this.categories = categories;
        }
    }
}
