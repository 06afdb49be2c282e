package org.clanet.workbench.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The one way the core makes a worker pool: daemon threads (a stuck worker never keeps the JVM alive), named. */
public final class Workers {

    private Workers() {
    }

    public static ExecutorService daemonPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threads == 1 ? name : name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
