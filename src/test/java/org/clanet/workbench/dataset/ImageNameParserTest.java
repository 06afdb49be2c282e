package org.clanet.workbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageNameParserTest {

    @Test
    void incucyteName() {
        ParsedName p = ImageNameParser.parse("VID1709_G7_1_02d12h00m.jpg").orElseThrow();
        assertEquals(new Timepoint(2, 12, 0), p.timepoint());
        assertEquals("VID1709_G7_1_*", p.sequenceKey());
        assertEquals(Optional.of("G7"), p.well());
        assertEquals(60, p.timepoint().samplingHours());
    }

    @Test
    void livecellNameKeepsCropAndLocationInTheSequence() {
        ParsedName a = ImageNameParser.parse("A172_Phase_C7_1_00d04h00m_2.tif").orElseThrow();
        ParsedName b = ImageNameParser.parse("A172_Phase_C7_1_00d08h00m_3.tif").orElseThrow();
        assertEquals("A172_Phase_C7_1_*_2", a.sequenceKey());
        assertEquals(Optional.of("C7"), a.well());
        assertTrue(!a.sequenceKey().equals(b.sequenceKey()), "another crop is another field of view");
        assertEquals(4, a.timepoint().samplingHours());
    }

    @ParameterizedTest
    @CsvSource({
        "VID1_B2_1_00d00h30m.png, 0, 0, 30, 1",
        "VID1_B2_1_00d00h01m.png, 0, 0, 1, 1",
        "VID1_B2_1_00d00h00m.png, 0, 0, 0, 0",
        "VID1_B2_1_00d05h59m.png, 0, 5, 59, 6",
        "VID1_B2_1_123d01h00m.png, 123, 1, 0, 2953",
        "x02d03h04m.tiff, 2, 3, 4, 52",
    })
    void timepointAnywhereWithPublishedRounding(String name, int d, int h, int m, int samplingHours) {
        Timepoint t = ImageNameParser.parse(name).orElseThrow().timepoint();
        assertEquals(new Timepoint(d, h, m), t);
        assertEquals(samplingHours, t.samplingHours());
        assertEquals(d * 1440L + h * 60L + m, t.totalMinutes());
    }

    @ParameterizedTest
    @CsvSource({"image.jpg", "VID1_G7_1_2d12h00m.jpg", "VID1_G7_1_02d12h.jpg", "02-12-00.png", "'', "})
    void namesWithoutATimepoint(String name) {
        assertTrue(ImageNameParser.parse(name == null ? "" : name).isEmpty(), name);
    }

    @Test
    void oddNames() {
        // No well token: still a sequence, no well.
        ParsedName p = ImageNameParser.parse("flask3_pos2_01d00h00m.jpg").orElseThrow();
        assertEquals(Optional.empty(), p.well());
        assertEquals("flask3_pos2_*", p.sequenceKey());
        // Two tokens: the last one is the time, the first is part of the sequence name.
        ParsedName q = ImageNameParser.parse("VID1_00d00h00m_G7_03d00h00m.jpg").orElseThrow();
        assertEquals(new Timepoint(3, 0, 0), q.timepoint());
        assertEquals("VID1_00d00h00m_G7_*", q.sequenceKey());
        assertEquals(Optional.of("G7"), q.well());
        // Dots in the name: only the extension goes.
        assertEquals("a.b_C3_*", ImageNameParser.parse("a.b_C3_00d01h00m.tif").orElseThrow().sequenceKey());
        // Q is not a well row (plates go A-P).
        assertEquals(Optional.empty(), ImageNameParser.parse("VID1_Q7_1_00d00h00m.jpg").orElseThrow().well());
    }

    @Test
    void labels() {
        assertEquals("2d 12h", new Timepoint(2, 12, 0).label());
        assertEquals("0d 4h 30m", new Timepoint(0, 4, 30).label());
        assertEquals("02d12h00m", new Timepoint(2, 12, 0).token());
        assertEquals(new Timepoint(1, 2, 3), Timepoint.ofMinutes(1440 + 123));
    }
}
