package org.clanet.workbench.embedding;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** "auto" (GPU when DJL sees one, else CPU), "cpu" or "gpu" (fails clearly when there is none). */
public final class DeviceChoice {

    private DeviceChoice() {
    }

    public static Device resolve(String choice) {
        String c = choice == null ? "auto" : choice.trim().toLowerCase(Locale.ROOT);
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        return switch (c) {
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu: DJL sees no GPU (PyTorch " + engine.getVersion()
                            + " CPU build; point PYTORCH_LIBRARY_PATH at a CUDA libtorch 2.7.1)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("unknown device '" + choice + "' (auto, cpu or gpu)");
        };
    }

    /** e.g. "PyTorch 2.7.1 · CPU". */
    public static String describe(Device d) {
        Engine engine = Engine.getEngine("PyTorch");
        return "PyTorch " + engine.getVersion() + " · " + (d.isGpu() ? "GPU " + d.getDeviceId() : "CPU");
    }

    /** Whether the choice ("auto", "cpu", "gpu") resolves to a GPU here; for callers that must not see DJL types. */
    public static boolean isGpu(String choice) {
        return resolve(choice).isGpu();
    }
}
