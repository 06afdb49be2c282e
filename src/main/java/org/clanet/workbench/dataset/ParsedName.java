package org.clanet.workbench.dataset;

import java.util.Optional;

/**
 * What an image's file name says (METHOD.md §0).
 *
 * @param fileName    the name as on disk
 * @param sequenceKey the name without its timepoint token and extension: frames of one flask position share it
 * @param timepoint   time since seeding
 * @param well        the well token ({@code [A-P]\d{1,2}}) when the name has one
 */
public record ParsedName(String fileName, String sequenceKey, Timepoint timepoint, Optional<String> well) {
}
