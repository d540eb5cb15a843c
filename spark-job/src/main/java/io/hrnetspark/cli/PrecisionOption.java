package io.hrnetspark.cli;

import io.hrnetspark.model.net.Precision;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --precision fp32|bf16}, in any letter case. */
final class PrecisionOption implements ITypeConverter<Precision> {

    @Override
    public Precision convert(String value) {
        for (Precision precision : Precision.values()) {
            if (precision.name().equalsIgnoreCase(value)) {
                return precision;
            }
        }
        throw new TypeConversionException("expected fp32 or bf16, got '" + value + "'");
    }

    /** The option's spelling of {@code precision}. */
    static String spelling(Precision precision) {
        return precision.name().toLowerCase(Locale.ROOT);
    }
}
