package io.hrnetspark.cli;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file beside its target and moves it into place, so a failure never leaves half
 * a file; a file that cannot be written is one sentence naming it.
 */
final class OutputFile {

    /** What goes into the file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OutputFile() {
    }

    /**
     * Checks before any work that {@code file} can be written: its folder exists and is writable, and it is
     * not a folder itself; otherwise one sentence naming {@code option} and the file.
     */
    static void requireWritable(String option, Path file) {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException(option + " " + file + " is a folder; give a file name in it.");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException(option + " " + file + ": its folder " + folder
                    + " does not exist; create it first or write elsewhere.");
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidInputException(option + " " + file + ": its folder " + folder
                    + " is not writable; write elsewhere.");
        }
    }

    static void write(Path file, Content content) {
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                content.writeTo(out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new InvalidInputException("Output file " + file + " cannot be written (" + e.getMessage()
                    + "): check that its directory exists and is writable.", e);
        }
    }
}
