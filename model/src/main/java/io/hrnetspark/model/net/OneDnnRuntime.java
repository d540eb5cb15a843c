package io.hrnetspark.model.net;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads oneDNN's JavaCPP presets after ND4J's backend, so that oneDNN links the OpenMP runtime ND4J
 * already loaded: one thread pool, sized by ND4J's thread setting or {@code OMP_NUM_THREADS}.
 */
final class OneDnnRuntime {

    private static boolean loaded;

    private OneDnnRuntime() {
    }

    static synchronized void load() {
        if (!loaded) {
            Nd4j.getExecutioner();
            Loader.load(dnnl.class);
            loaded = true;
        }
    }
}
