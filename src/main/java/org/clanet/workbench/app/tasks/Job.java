package org.clanet.workbench.app.tasks;

import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.ProgressListener;

/**
 * A long core job as the pipeline shapes it: reports progress, honours cancellation, returns a result. Scans
 * today; masks, training and prediction later. Runs on a worker thread, never on the FX thread.
 */
@FunctionalInterface
public interface Job<T> {

    T run(ProgressListener progress, Cancellation cancellation) throws Exception;
}
