package org.clanet.workbench.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One part of a per-item stage's items, for running it on many machines ({@code --shard i/n}): an item belongs
 * to shard {@code crc32(itemKey) mod n}. Keyed by the item's name, not its position, so the parts do not depend
 * on the order (or completeness) of each machine's scan.
 *
 * @param index 1-based
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be i/n with 1 <= i <= n, got " + index + "/" + count);
        }
    }

    /** Parses {@code "i/n"}, e.g. {@code "2/8"}. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("shard must look like i/n (e.g. 1/4), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash).trim()),
                    Integer.parseInt(t.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must look like i/n (e.g. 1/4), got '" + text + "'", e);
        }
    }

    public boolean isAll() {
        return count == 1;
    }

    public boolean contains(String itemKey) {
        if (count == 1) {
            return true;
        }
        CRC32 crc = new CRC32();
        crc.update(itemKey.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count) == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
