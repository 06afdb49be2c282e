package org.clanet.workbench.app.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.clanet.workbench.app.TestDatasets;
import org.junit.jupiter.api.Test;

/** Gallery → frame: centring on a patch keeps the image filling the viewer (issue 9, point 12). */
class ViewerCentringTest {

    private static ViewerViewModel viewer() {
        FrameLoader loader = new FrameLoader(Runnable::run, Runnable::run, 1_000_000,
                file -> ViewerViewModelTest.image(0.5f, 100, 50));
        ViewerViewModel vm = new ViewerViewModel(loader);
        vm.setViewport(400, 400);
        vm.frameProperty().set(TestDatasets.sequence("G7", 1).frames().get(0));
        return vm;
    }

    @Test
    void aCornerPatchIsCentredOnlyAsFarAsTheEdgesAllow() {
        ViewerViewModel vm = viewer();
        assertEquals(4, vm.getTransform().scale(), 1e-9); // fitted: 400×200 on screen
        vm.zoomAt(2, 200, 200); // 800×400 on screen
        vm.centerOn(5, 5); // top-left corner
        assertEquals(0, vm.getTransform().tx(), 1e-9, "the left edge stays at the view's edge");
        assertEquals(0, vm.getTransform().ty(), 1e-9, "400 px high in a 400 px view: no gap");
        vm.centerOn(95, 45); // bottom-right corner
        assertEquals(-400, vm.getTransform().tx(), 1e-9, "the right edge stays at the view's edge");
        vm.centerOn(50, 25); // the middle: really centred
        assertEquals(200 - 50 * 8, vm.getTransform().tx(), 1e-9);
    }

    @Test
    void anAxisSmallerThanTheViewIsCentred() {
        ViewerViewModel vm = viewer();
        vm.centerOn(5, 5); // fitted: 400×200 in 400×400
        assertEquals(0, vm.getTransform().tx(), 1e-9);
        assertEquals(100, vm.getTransform().ty(), 1e-9, "(400 − 200) / 2");
    }
}
