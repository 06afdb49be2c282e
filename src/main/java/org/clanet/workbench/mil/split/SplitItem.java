package org.clanet.workbench.mil.split;

/**
 * One sequence as the splitters see it.
 *
 * @param sequenceId unique id (line/batch/key)
 * @param line       cell line = class
 * @param batch      batch folder name, e.g. {@code batch_2}
 * @param well       flask position, e.g. {@code G7} (the key when unknown)
 */
public record SplitItem(String sequenceId, String line, String batch, String well) {
}
