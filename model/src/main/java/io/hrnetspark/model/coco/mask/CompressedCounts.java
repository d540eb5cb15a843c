package io.hrnetspark.model.coco.mask;

import io.hrnetspark.model.InvalidInputException;
import java.util.Arrays;

/**
 * The COCO compressed counts string ({@code rleToString} / {@code rleFrString} of the COCO mask API):
 * from the fourth count on, each count is stored as its difference to the count two places before;
 * each value is written 5 bits at a time, least significant first, as characters {@code '0'..'o'}
 * (48 + value), bit 0x20 marking that more characters follow and bit 0x10 of the last character
 * giving the sign.
 */
final class CompressedCounts {

    private static final int FIRST_CHAR = 48;
    private static final int LAST_CHAR = FIRST_CHAR + 63;
    /** 12 characters carry 60 bits, more than any run of a valid mask needs (7 characters). */
    private static final int MAX_CHARS_PER_VALUE = 12;

    private CompressedCounts() {
    }

    static String encode(long[] counts) {
        StringBuilder s = new StringBuilder(counts.length * 2);
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                s.append((char) (c + FIRST_CHAR));
            }
        }
        return s.toString();
    }

    /**
     * Parses a counts string. Values are assembled in 64-bit arithmetic, which equals the C code for
     * every count below 2^29 (the C code's 32-bit shifts overflow beyond that). Strings the C code
     * would misread (characters outside {@code '0'..'o'}, a value cut off, a negative count) are
     * refused.
     */
    static long[] decode(String s) {
        long[] counts = new long[s.length()];
        int m = 0;
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p == s.length()) {
                    throw new InvalidInputException("Compressed RLE counts '" + abbreviate(s)
                            + "' end in the middle of a value; the string is truncated.");
                }
                char ch = s.charAt(p);
                if (ch < FIRST_CHAR || ch > LAST_CHAR) {
                    throw new InvalidInputException("Compressed RLE counts '" + abbreviate(s) + "' have the character '"
                            + ch + "' at position " + p + "; COCO compressed counts use only the characters '0' to 'o'.");
                }
                if (k == MAX_CHARS_PER_VALUE) {
                    throw new InvalidInputException("Compressed RLE counts '" + abbreviate(s)
                            + "' have a value longer than " + MAX_CHARS_PER_VALUE + " characters at position " + p
                            + ", far beyond any mask size; the string is corrupt.");
                }
                int c = ch - FIRST_CHAR;
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += counts[m - 2];
            }
            if (x < 0) {
                throw new InvalidInputException("Compressed RLE counts '" + abbreviate(s) + "' decode to the negative run "
                        + x + " at run " + m + "; re-encode the mask with the COCO mask API.");
            }
            counts[m++] = x;
        }
        return Arrays.copyOf(counts, m);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
