package io.hrnetspark.job.render;

import io.hrnetspark.job.output.StoredPerson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps, from persons read in any order, those of the first {@code limit} images by id (memory bounded by the
 * limit, whatever the table's size), and the keypoint counts of every person read.
 */
public final class FirstImages implements Consumer<StoredPerson> {

    private final int limit;
    private final boolean keptOnly;
    private final TreeMap<Long, List<StoredPerson>> images = new TreeMap<>();
    private final SortedSet<Integer> keypointCounts = new TreeSet<>();

    /** @param keptOnly keep only the persons OKS-NMS kept (an image without any is not drawn) */
    public FirstImages(int limit, boolean keptOnly) {
        this.limit = limit;
        this.keptOnly = keptOnly;
    }

    @Override
    public void accept(StoredPerson person) {
        keypointCounts.add(person.keypoints().length);
        if (keptOnly && !person.nmsKept()) {
            return;
        }
        if (images.size() == limit && person.imageId() > images.lastKey()) {
            return;
        }
        images.computeIfAbsent(person.imageId(), id -> new ArrayList<>()).add(person);
        if (images.size() > limit) {
            images.pollLastEntry();
        }
    }

    /** The distinct keypoint counts of all persons read, ascending. */
    public SortedSet<Integer> keypointCounts() {
        return keypointCounts;
    }

    /** The first images by id, each with its persons in person-index order. */
    public Map<Long, List<StoredPerson>> images() {
        images.values().forEach(persons -> persons.sort(Comparator.comparingInt(StoredPerson::personIndex)));
        return images;
    }
}
