package org.clanet.workbench.pipeline;


/**
 * A long core job as the pipeline shapes it: reports progress, honours cancellation, returns a result. Scans
 * today; masks, training and prediction later. Runs on a worker thread, never on the FX thread.
 */
@FunctionalInterface
public interface Job<T> {

    T run(ProgressListener progress, Cancellation cancellation) throws Exception;
}
