import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar, leaving out the entries whose names match any of the given regular expressions. The installer
 * is Linux x86-64 only, so the native libraries a jar carries for other systems are dead weight (OpenCV: 95 MB
 * of macOS/Windows/ARM builds). Entries keep their order, names, times and compression; the manifest is kept.
 *
 * <pre>java installer/tools/SlimJar.java IN.jar OUT.jar REGEX...</pre>
 */
public final class SlimJar {

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java SlimJar.java IN.jar OUT.jar REGEX...");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<Pattern> drop = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            drop.add(Pattern.compile(args[i]));
        }
        int kept = 0;
        int dropped = 0;
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".tmp");
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
             OutputStream os = Files.newOutputStream(tmp);
             ZipOutputStream zout = new ZipOutputStream(os)) {
            byte[] buf = new byte[1 << 16];
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                String name = e.getName();
                if (drop.stream().anyMatch(p -> p.matcher(name).matches())) {
                    dropped++;
                    continue;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(e.getTime());
                zout.putNextEntry(copy);
                InputStream is = zin;
                for (int n; (n = is.read(buf)) > 0; ) {
                    zout.write(buf, 0, n);
                }
                zout.closeEntry();
                kept++;
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: kept %d entries, dropped %d (%d -> %d KB)%n", in.getFileName(), kept, dropped,
                Files.size(in) / 1024, Files.size(out) / 1024);
    }
}
