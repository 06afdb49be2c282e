package org.clanet.workbench.dataset.synthetic;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a generation run wrote.
 *
 * @param root     output folder
 * @param plan     the plan it followed
 * @param images   JPEG files written
 * @param bytes    their total size
 * @param manifest the JSON manifest (hidden file in the root)
 * @param elapsed  wall time
 */
public record GenerationResult(Path root, DatasetPlan plan, int images, long bytes, Path manifest, Duration elapsed) {
}
