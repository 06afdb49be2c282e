package org.clanet.workbench.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}, for writers passed to {@link AtomicFiles}. */
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
