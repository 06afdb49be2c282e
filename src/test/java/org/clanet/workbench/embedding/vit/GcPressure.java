package org.clanet.workbench.embedding.vit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While open, collects garbage and refills freed direct memory with junk on a background thread, so a
 * constant that an autograd graph keeps in a Java buffer DJL has already dropped (see
 * {@link Tensors#torchOwned}) is freed before backward and shows up as wrong gradients, not as a rare flake.
 */
public final class GcPressure implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::run, "gc-pressure");

    public GcPressure() {
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            System.gc();
            List<ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                junk.add(ByteBuffer.allocateDirect(16).putFloat(0, 1e30f).putFloat(4, 1e30f).putFloat(8, 1e30f)
                        .putFloat(12, 1e30f));
            }
            junk.clear();
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
