package io.hrnetspark.job.annotate;

import io.hrnetspark.model.weights.TorchCheckpoint;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Checksums and the default model id of a run. */
final class ModelIdentity {

    static final String RANDOM = "random";

    private ModelIdentity() {
    }

    static String sha256(String text) {
        return TorchCheckpoint.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The config file's name without extension (characters outside [A-Za-z0-9._-] become '_'), a dash,
     * and the first 12 hex digits of the weights' SHA-256, or "random".
     */
    static String defaultModelId(String configFileName, String weightsSha256) {
        String stem = configFileName.replaceFirst("\\.[A-Za-z]+$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        String weights = weightsSha256 == null ? RANDOM : weightsSha256.substring(0, 12).toLowerCase(Locale.ROOT);
        String id = stem + "-" + weights;
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
