package io.hrnetspark.model.image;

/**
 * Structure checks on a JPEG byte stream. OpenCV's JPEG decoder (libjpeg) only warns about a
 * stream cut short and returns an image whose missing part is grey; walking the markers up to
 * the end-of-image marker lets such files be refused instead.
 */
final class JpegStream {

    private static final int MARKER_PREFIX = 0xFF;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int START_OF_SCAN = 0xDA;

    private JpegStream() {
    }

    /** Starts with the JPEG start-of-image marker. */
    static boolean isJpeg(byte[] data) {
        return data.length >= 3 && unsigned(data, 0) == MARKER_PREFIX && unsigned(data, 1) == 0xD8
                && unsigned(data, 2) == MARKER_PREFIX;
    }

    /**
     * Whether the stream ends before its end-of-image marker. Segments are skipped by their
     * lengths (so thumbnails inside APP segments do not count) and entropy-coded data is scanned
     * for the next real marker; bytes between segments are skipped as libjpeg skips them.
     */
    static boolean isTruncated(byte[] data) {
        int n = data.length;
        int pos = 2;
        while (true) {
            while (pos < n && unsigned(data, pos) != MARKER_PREFIX) {
                pos++;
            }
            while (pos < n && unsigned(data, pos) == MARKER_PREFIX) {
                pos++;
            }
            if (pos >= n) {
                return true;
            }
            int marker = unsigned(data, pos++);
            if (marker == END_OF_IMAGE) {
                return false;
            }
            if (isStandalone(marker)) {
                continue;
            }
            if (pos + 2 > n) {
                return true;
            }
            int length = (unsigned(data, pos) << 8) | unsigned(data, pos + 1);
            if (length < 2) {
                return false; // corrupt rather than truncated: left to the decoder to refuse
            }
            pos += length;
            if (pos > n) {
                return true;
            }
            if (marker == START_OF_SCAN) {
                pos = nextMarkerAfterEntropyData(data, pos);
                if (pos < 0) {
                    return true;
                }
            }
        }
    }

    /** Index of the 0xFF that starts the next marker, or -1 when the data ends first. */
    private static int nextMarkerAfterEntropyData(byte[] data, int pos) {
        int n = data.length;
        while (true) {
            while (pos < n && unsigned(data, pos) != MARKER_PREFIX) {
                pos++;
            }
            if (pos + 1 >= n) {
                return -1;
            }
            int next = unsigned(data, pos + 1);
            if (next == 0x00 || next == MARKER_PREFIX || isRestart(next)) {
                pos++; // stuffed byte, fill byte or restart marker: still inside the scan
            } else {
                return pos;
            }
        }
    }

    private static boolean isStandalone(int marker) {
        return marker == 0x00 || marker == 0x01 || isRestart(marker) || marker == 0xD8;
    }

    private static boolean isRestart(int marker) {
        return marker >= 0xD0 && marker <= 0xD7;
    }

    private static int unsigned(byte[] data, int index) {
        return data[index] & 0xFF;
    }
}
