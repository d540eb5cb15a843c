package io.hrnetspark.job.inference;

import io.hrnetspark.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Which GPUs ND4J can run on. ND4J 1.0.0-M2.1's only CUDA build (CUDA 11.6) carries machine code for
 * compute capabilities 3.7 to 8.6 and no PTX, so Hopper (9.0) and newer GPUs fail with kernel errors;
 * a job refuses them at once instead.
 */
public final class GpuSupport {

    /** The message's fixed part, also in README. */
    public static final String UNSUPPORTED =
            "ND4J's CUDA 11.6 build runs Kepler..Ampere GPUs only (compute capability 3.7 to 8.6), not Hopper or newer";

    private GpuSupport() {
    }

    public static boolean supported(GpuInfo gpu) {
        return gpu.major() < 9;
    }

    public static void requireSupported(GpuInfo gpu) {
        if (!supported(gpu)) {
            throw new InvalidInputException("GPU " + gpu.index() + " (" + gpu.name() + ") has compute capability "
                    + gpu.capability() + ", but " + UNSUPPORTED + "; run on an Ampere or older GPU or on CPU executors.");
        }
    }

    /** The CUDA devices listed in ND4J's environment information ({@code OpExecutioner.getEnvironmentInformation}). */
    public static List<GpuInfo> fromEnvironment(Properties environment) {
        List<GpuInfo> gpus = new ArrayList<>();
        Object devices = environment.get("cuda.devicesInformation");
        if (!(devices instanceof List<?> list)) {
            return gpus;
        }
        for (Object entry : list) {
            Map<?, ?> device = (Map<?, ?>) entry;
            gpus.add(new GpuInfo(gpus.size(), String.valueOf(device.get("cuda.deviceName")),
                    intValue(device.get("cuda.deviceMajor")), intValue(device.get("cuda.deviceMinor"))));
        }
        return gpus;
    }

    private static int intValue(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
    }
}
