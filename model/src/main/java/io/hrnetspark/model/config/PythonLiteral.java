package io.hrnetspark.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.regex.Pattern;

/**
 * The Python literals yacs evaluates in string values of a config file ({@code ast.literal_eval}):
 * {@code True}, {@code False}, {@code None}, numbers, quoted strings and flat tuples or lists of
 * them. Any other string stays a string, as it does in yacs.
 */
final class PythonLiteral {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");

    private PythonLiteral() {
    }

    /** The literal {@code text} stands for, or {@code text} itself as a string node. */
    static JsonNode parse(String text) {
        JsonNode literal = literal(text.strip());
        return literal == null ? NODES.textNode(text) : literal;
    }

    private static JsonNode literal(String text) {
        if (text.length() >= 2 && (text.startsWith("(") && text.endsWith(")")
                || text.startsWith("[") && text.endsWith("]"))) {
            return sequence(text.substring(1, text.length() - 1));
        }
        return scalar(text);
    }

    private static JsonNode sequence(String body) {
        ArrayNode array = NODES.arrayNode();
        if (body.isBlank()) {
            return array;
        }
        String[] items = body.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.isEmpty() && i == items.length - 1 && i > 0) {
                break; // trailing comma, as in (True,)
            }
            JsonNode value = scalar(item);
            if (value == null) {
                return null;
            }
            array.add(value);
        }
        return array;
    }

    private static JsonNode scalar(String text) {
        switch (text) {
            case "True":
                return NODES.booleanNode(true);
            case "False":
                return NODES.booleanNode(false);
            case "None":
                return NODES.nullNode();
            default:
                break;
        }
        if (INTEGER.matcher(text).matches()) {
            try {
                return NODES.numberNode(Long.parseLong(text));
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
        if (DECIMAL.matcher(text).matches()) {
            return NODES.numberNode(Double.parseDouble(text));
        }
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'")
                || text.startsWith("\"") && text.endsWith("\""))) {
            return NODES.textNode(text.substring(1, text.length() - 1));
        }
        return null;
    }
}
