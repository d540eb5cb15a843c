package io.hrnetspark.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command-line mistakes in a few lines, exit code 2: the problem, the option the user probably meant,
 * and where the full usage is; no usage dump. An unknown option is named first even when it also left a
 * required option missing ({@code --weight} for {@code --weights}).
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    private static final LevenshteinDistance EDIT_DISTANCE = LevenshteinDistance.getDefaultInstance();

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        List<String> unknown = unknownOptions(command.getCommandSpec(), args);
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : unknown;
        err.println(ex instanceof UnmatchedArgumentException || unknown.isEmpty() ? ex.getMessage()
                : new UnmatchedArgumentException(command, unknown).getMessage());
        List<String> suggestions = suggestions(command.getCommandSpec(), unmatched);
        if (!suggestions.isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
        }
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Arguments that look like options ({@code -x}, {@code --name[=value]}) which the command does not have. */
    private static List<String> unknownOptions(CommandSpec command, String[] args) {
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--") || isNumber(arg)) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!knows(command, name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** For each mistyped word, the option or subcommand nearest to it (at most a third of its letters away). */
    private static List<String> suggestions(CommandSpec command, List<String> words) {
        List<String> names = new ArrayList<>(command.subcommands().keySet());
        command.options().forEach(option -> names.addAll(List.of(option.names())));
        List<String> suggestions = new ArrayList<>();
        for (String word : words) {
            String nearest = null;
            int best = Math.max(1, word.replaceFirst("^-+", "").length() / 3) + 1;
            for (String name : names) {
                int distance = EDIT_DISTANCE.apply(word, name);
                if (distance < best) {
                    best = distance;
                    nearest = name;
                }
            }
            if (nearest != null && !suggestions.contains(nearest)) {
                suggestions.add(nearest);
            }
        }
        return suggestions;
    }

    private static boolean knows(CommandSpec command, String name) {
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            if (spec.findOption(name) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String arg) {
        try {
            Double.parseDouble(arg);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
