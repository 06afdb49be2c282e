package org.clanet.workbench.cli;

import org.clanet.workbench.pipeline.Shard;
import picocli.CommandLine;

/** {@code --shard i/n}. */
final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
    @Override
    public Shard convert(String value) {
        try {
            return Shard.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
