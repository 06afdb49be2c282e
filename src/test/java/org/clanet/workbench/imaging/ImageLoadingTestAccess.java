package org.clanet.workbench.imaging;

import javax.imageio.ImageWriter;

/** Test helpers of this package for tests elsewhere. */
public final class ImageLoadingTestAccess {

    private ImageLoadingTestAccess() {
    }

    public static ImageWriter jdkTiffWriter() {
        return ImageLoadingTest.jdkTiffWriter();
    }
}
