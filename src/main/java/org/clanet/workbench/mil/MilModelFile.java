package org.clanet.workbench.mil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clanet.workbench.mil.io.ClassNames;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.io.AtomicFiles;

/**
 * MIL weights as NumPy {@code .npz} with the published PyTorch names and shapes (a {@code model.} prefix,
 * as in the published {@code {'net': …}} checkpoints, is tolerated) plus the class names: a {@code classes}
 * unicode entry in the archive and/or a CLASSES.txt (one line name per line, label = 0-based line number).
 */
public final class MilModelFile {

    public static final String CLASSES_KEY = "classes";
    private static final String PREFIX = "model.";

    private MilModelFile() {
    }

    /** Reads a model; class names from the archive's {@code classes} entry. */
    public static MilWeights read(Path npz) throws IOException {
        return read(npz, null);
    }

    /**
     * Reads a model. {@code classesTxt} (may be null) gives or overrides the class names; when the archive
     * also has a {@code classes} entry, both must agree.
     */
    public static MilWeights read(Path npz, Path classesTxt) throws IOException {
        Map<String, NpyArray> raw = Npz.read(npz);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, NpyArray> e : raw.entrySet()) {
            String k = e.getKey().startsWith(PREFIX) ? e.getKey().substring(PREFIX.length()) : e.getKey();
            arrays.put(k, e.getValue());
        }
        for (String name : MilWeights.NAMES) {
            if (!arrays.containsKey(name)) {
                throw new IOException(npz + ": missing array '" + name + "' (has " + raw.keySet() + ")");
            }
            if (!arrays.get(name).numeric()) {
                throw new IOException(npz + ": '" + name + "' is not a numeric array");
            }
        }
        long[] v = arrays.get("attention_V.0.weight").shape();
        long[] c = arrays.get("classifier.0.weight").shape();
        if (v.length != 2 || c.length != 2) {
            throw new IOException(npz + ": attention_V.0.weight and classifier.0.weight must be 2-D, got "
                    + arrays.get("attention_V.0.weight").shapeText() + " and "
                    + arrays.get("classifier.0.weight").shapeText());
        }
        int attentionDim = (int) v[0];
        int inputDim = (int) v[1];
        int classCount = (int) c[0];
        Map<String, long[]> want = MilWeights.shapes(inputDim, attentionDim, classCount);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (String name : MilWeights.NAMES) {
            NpyArray a = arrays.get(name);
            if (!java.util.Arrays.equals(a.shape(), want.get(name))) {
                throw new IOException(npz + ": '" + name + "' has shape " + a.shapeText() + ", expected "
                        + java.util.Arrays.toString(want.get(name)).replace('[', '(').replace(']', ')')
                        + " for input dim " + inputDim + ", attention dim " + attentionDim + ", " + classCount
                        + " classes");
            }
            values.put(name, a.data());
        }
        List<String> inFile = Optional.ofNullable(arrays.get(CLASSES_KEY)).filter(a -> !a.numeric())
                .map(NpyArray::stringList).orElse(null);
        List<String> classes = inFile;
        if (classesTxt != null) {
            List<String> fromTxt = readClassesTxt(classesTxt);
            if (inFile != null && !inFile.equals(fromTxt)) {
                throw new IOException(classesTxt + " lists " + fromTxt + " but " + npz + " says " + inFile);
            }
            classes = fromTxt;
        }
        if (classes == null) {
            throw new IOException(npz + " has no 'classes' entry: give the class names (CLASSES.txt, one line name"
                    + " per line, label = line number)");
        }
        if (classes.size() != classCount) {
            throw new IOException("class count mismatch: " + classes.size() + " class names but "
                    + "classifier.0.weight has " + classCount + " rows (shape " + arrays.get("classifier.0.weight")
                    .shapeText() + ") in " + npz);
        }
        return MilWeights.of(classes, inputDim, attentionDim, values);
    }

    /** One line name per line; label = 0-based line number. */
    public static List<String> readClassesTxt(Path file) throws IOException {
        return ClassNames.read(file);
    }

    /** Writes the published names (no prefix) plus a {@code classes} entry, atomically. */
    public static void write(MilWeights w, Path npz) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        Map<String, long[]> shapes = MilWeights.shapes(w.inputDim(), w.attentionDim(), w.classCount());
        for (Map.Entry<String, float[]> e : w.named().entrySet()) {
            arrays.put(e.getKey(), NpyArray.floats(e.getValue(), shapes.get(e.getKey())));
        }
        arrays.put(CLASSES_KEY, NpyArray.strings(w.classes()));
        AtomicFiles.write(npz, out -> Npz.write(out, arrays));
    }

    /** Writes CLASSES.txt in the published format. */
    public static void writeClassesTxt(List<String> classes, Path file) throws IOException {
        AtomicFiles.write(file, (String.join("\n", classes) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
