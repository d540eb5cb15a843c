package io.hrnetspark.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hrnetspark.model.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A section of an experiment YAML file with typed getters that know their file and dotted field
 * name, so every problem becomes one sentence naming both. Values are read the way yacs merges them
 * into the official configs: a string that is a Python literal ({@code (True, False)},
 * {@code [192, 256]}, {@code 1e-3}) counts as that literal.
 */
final class ConfigNode {

    private final Path file;
    private final String path;
    private final JsonNode node;

    private ConfigNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static ConfigNode root(Path file, JsonNode node) {
        return new ConfigNode(file, "", node);
    }

    /** The sub-section {@code key}; an absent section reads as empty, so its keys take their defaults. */
    ConfigNode section(String key) {
        JsonNode child = node.get(key);
        if (child != null && !child.isNull() && !child.isObject()) {
            throw invalid(key, "is " + describe(child) + ", not a section of keys");
        }
        return new ConfigNode(file, field(key), child == null || child.isNull()
                ? JsonNodeFactory.instance.objectNode() : child);
    }

    /** The sub-section {@code key}, which the file must have. */
    ConfigNode requiredSection(String key) {
        require(key);
        return section(key);
    }

    boolean has(String key) {
        JsonNode child = node.get(key);
        return child != null && !child.isNull();
    }

    String string(String key, String defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isValueNode() || value.isNull()) {
            throw invalid(key, "is " + describe(value) + ", not a text value");
        }
        return value.asText();
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw invalid(key, "is " + describe(value) + ", not true or false");
        }
        return value.booleanValue();
    }

    double number(String key, double defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        return asNumber(key, value);
    }

    int integer(String key, int defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(key, "is " + describe(value) + ", not a whole number");
        }
        return value.intValue();
    }

    int positiveInt(String key, int defaultValue) {
        JsonNode value = value(key);
        return value == null ? defaultValue : asPositiveInt(key, value);
    }

    int requiredPositiveInt(String key) {
        require(key);
        return positiveInt(key, 0);
    }

    List<Integer> positiveIntList(String key) {
        require(key);
        return list(key, element -> asPositiveInt(key, element));
    }

    List<Integer> positiveIntList(String key, List<Integer> defaultValue) {
        return has(key) ? positiveIntList(key) : defaultValue;
    }

    List<Double> positiveNumberList(String key, List<Double> defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        return list(key, element -> {
            double number = asNumber(key, element);
            if (number <= 0) {
                throw invalid(key, "has the entry " + describe(element) + ", not a positive number");
            }
            return number;
        });
    }

    List<String> stringList(String key, List<String> defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        return list(key, JsonNode::asText);
    }

    /** The dotted name of {@code key} in this section, e.g. {@code MODEL.EXTRA.STAGE2.BLOCK}. */
    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The one-sentence error for a bad value of {@code key} in this section. */
    InvalidInputException invalid(String key, String problem) {
        return new InvalidInputException("Config file " + file + ": " + field(key) + " " + problem + ".");
    }

    private void require(String key) {
        if (!has(key)) {
            throw invalid(key, "is missing; add it as in the official experiment files");
        }
    }

    private <T> List<T> list(String key, Function<JsonNode, T> element) {
        JsonNode value = value(key);
        if (!value.isArray()) {
            throw invalid(key, "is " + describe(value) + ", not a list");
        }
        List<T> result = new ArrayList<>(value.size());
        value.forEach(item -> result.add(element.apply(item)));
        return List.copyOf(result);
    }

    private JsonNode value(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? PythonLiteral.parse(value.textValue()) : value;
    }

    private double asNumber(String key, JsonNode value) {
        if (!value.isNumber()) {
            throw invalid(key, "is " + describe(value) + ", not a number");
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw invalid(key, "is " + describe(value) + ", not a finite number");
        }
        return number;
    }

    private int asPositiveInt(String key, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw invalid(key, "is " + describe(value) + ", not a positive whole number");
        }
        return value.intValue();
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.textValue() + "'";
        }
        if (value.isObject()) {
            return "a section";
        }
        return value instanceof ArrayNode ? "the list " + value : value.toString();
    }
}
