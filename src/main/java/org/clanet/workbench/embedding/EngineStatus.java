package org.clanet.workbench.embedding;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which deep-learning engine, version and device the app got. Loading the engine unpacks libtorch on the
 * first start (seconds): call {@link #probe()} off the UI thread.
 *
 * @param available false when the engine could not load; {@code detail} then says why
 */
public record EngineStatus(boolean available, String engine, String version, String device, int gpuCount,
                           String detail) {

    private static final Logger LOG = LoggerFactory.getLogger(EngineStatus.class);

    /** e.g. "PyTorch 2.7.1 · CPU" or "PyTorch 2.7.1 · GPU 0 (CUDA)". */
    public String label() {
        if (!available) {
            return "Deep learning unavailable";
        }
        return engine + " " + version + " · " + device;
    }

    /** Where the loaded libtorch lives: the user's override (env or -D) or the bundled build's cache. */
    private static String libtorchLocation() {
        String override = Optional.ofNullable(System.getProperty("PYTORCH_LIBRARY_PATH"))
                .orElse(System.getenv("PYTORCH_LIBRARY_PATH"));
        try {
            String path = ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
            return path + (override == null ? " (CPU build bundled with the app)" : " (PYTORCH_LIBRARY_PATH)");
        } catch (RuntimeException | LinkageError e) {
            return override == null ? "the bundled CPU build" : override + " (PYTORCH_LIBRARY_PATH)";
        }
    }

    public static EngineStatus probe() {
        try {
            Engine engine = Engine.getEngine("PyTorch");
            int gpus = engine.getGpuCount();
            Device device = engine.defaultDevice();
            String where = device.isGpu() ? "GPU " + device.getDeviceId() + " (CUDA, " + gpus + " found)" : "CPU";
            String detail = "libtorch from " + libtorchLocation();
            EngineStatus s = new EngineStatus(true, "PyTorch", engine.getVersion(), where, gpus, detail);
            LOG.info("Deep-learning engine: {} ({})", s.label(), detail);
            return s;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("Deep-learning engine failed to load", e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new EngineStatus(false, "PyTorch", "?", "none", 0, why);
        }
    }
}
