package org.clanet.workbench.app.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded daemon thread pools for the workbench's background work. */
public final class Executors2 {

    private Executors2() {
    }

    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        };
    }

    /** A fixed pool of daemon threads with a FIFO queue. */
    public static ExecutorService fixed(String prefix, int threads) {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), daemon(prefix));
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }

    /**
     * A pool whose queue is served newest first (LIFO): while the user scrubs, the thumbnails just scrolled into
     * view are decoded before those scrolled past.
     */
    public static ExecutorService lifo(String prefix, int threads) {
        LinkedBlockingDeque<Runnable> deque = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }

            @Override
            public boolean add(Runnable r) {
                return offerFirst(r);
            }
        };
        ThreadPoolExecutor ex = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, deque, daemon(prefix));
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }
}
