package org.clanet.workbench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one configured Jackson mapper of the core (thread-safe once configured, and costly to build per call).
 * The workspace package keeps its own (it sits below this one).
 */
public final class Json {

    /** Compact JSON; reads and writes plain maps, lists and records. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** Indented JSON for files and output people read. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }
}
