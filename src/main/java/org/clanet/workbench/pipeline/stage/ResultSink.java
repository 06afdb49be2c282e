package org.clanet.workbench.pipeline.stage;

import java.io.IOException;

/** Receives items as a run passes them, on the runner's thread (exports, live displays). */
public interface ResultSink<I, R> {

    /** A result computed in this run (already stored when a workspace is used). */
    default void processed(I item, R result) throws IOException {
    }

    /** An item whose stored result was still fresh. */
    default void fresh(I item) throws IOException {
    }

    static <I, R> ResultSink<I, R> none() {
        return new ResultSink<>() {
        };
    }
}
