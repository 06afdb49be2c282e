package org.clanet.workbench.pipeline.stage;

import org.clanet.workbench.pipeline.Cancellation;

/**
 * A stage whose items first need reading (decoding an image file): the runner reads ahead on a reader thread of its
 * own, so decoding the next items overlaps computing this one; {@code --threads 1} then keeps one core on the
 * computation instead of alternating between decoding and computing.
 *
 * @param <X> what is read (a decoded image)
 */
public interface PrefetchingStage<I, X, R> extends ItemStage<I, R> {

    /** Reads an item's input, on the reader thread. */
    X read(I item) throws Exception;

    /** Computes from what {@link #read} returned, on a worker thread. */
    R compute(I item, X input, Cancellation cancel) throws Exception;

    @Override
    default R compute(I item, Cancellation cancel) throws Exception {
        return compute(item, read(item), cancel);
    }
}
