package org.clanet.workbench.cli;

import picocli.CommandLine.Option;

/** {@code --device auto|cpu|gpu}, shared by the commands that run the deep-learning engine. */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "D",
            description = "auto (the GPU when the engine sees one), cpu or gpu (default: ${DEFAULT-VALUE}).")
    String name;
}
