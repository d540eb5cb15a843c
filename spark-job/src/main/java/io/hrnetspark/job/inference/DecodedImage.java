package io.hrnetspark.job.inference;

/** An image decoded by a pose model; {@link #close()} releases its pixels. */
public interface DecodedImage extends AutoCloseable {

    int width();

    int height();

    @Override
    void close();
}
