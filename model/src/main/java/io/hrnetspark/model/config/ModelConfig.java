package io.hrnetspark.model.config;

/** The {@code MODEL} section every HRNet family shares: its name and the backbone settings. */
public interface ModelConfig {

    /** {@code MODEL.NAME}. */
    String name();

    /** {@code MODEL.EXTRA}: the HRNet backbone and output-layer settings. */
    HrnetExtra extra();
}
