package io.hrnetspark.model.weights;

import java.util.Optional;

/**
 * The Python callables a checkpoint pickle may name, besides the torch storage types. The unpickler
 * never imports or runs anything: it recognises these names and builds the result itself; any
 * other global is refused.
 */
enum AllowedGlobal {
    ORDERED_DICT("collections", "OrderedDict"),
    REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
    REBUILD_TENSOR("torch._utils", "_rebuild_tensor"),
    REBUILD_PARAMETER("torch._utils", "_rebuild_parameter"),
    REBUILD_PARAMETER_WITH_STATE("torch._utils", "_rebuild_parameter_with_state"),
    /** How pickle protocol 2 writes Python 3 {@code bytes}: {@code _codecs.encode(str, 'latin1')}. */
    CODECS_ENCODE("_codecs", "encode"),
    /** numpy dtypes and scalars appear in training checkpoints (e.g. a numpy.float64 'perf'); kept opaque. */
    NUMPY_DTYPE("numpy", "dtype"),
    NUMPY_SCALAR("numpy.core.multiarray", "scalar"),
    NUMPY2_SCALAR("numpy._core.multiarray", "scalar");

    private final String module;
    private final String name;

    AllowedGlobal(String module, String name) {
        this.module = module;
        this.name = name;
    }

    String qualifiedName() {
        return module + "." + name;
    }

    static Optional<AllowedGlobal> find(String module, String name) {
        for (AllowedGlobal global : values()) {
            if (global.module.equals(module) && global.name.equals(name)) {
                return Optional.of(global);
            }
        }
        return Optional.empty();
    }
}
