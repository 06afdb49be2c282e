package org.clanet.workbench.app.util;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A thread-safe least-recently-used cache bounded by a total weight (entries, pixels, bytes): adding past the
 * bound evicts the least recently used entries. Used for thumbnails and decoded frames so memory stays bounded
 * however long the sequence.
 */
public final class LruCache<K, V> {

    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;

    public LruCache(long maxWeight, ToLongFunction<V> weigher) {
        if (maxWeight <= 0) {
            throw new IllegalArgumentException("maxWeight must be positive");
        }
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** A cache of at most {@code maxEntries} entries. */
    public static <K, V> LruCache<K, V> ofEntries(int maxEntries) {
        return new LruCache<>(maxEntries, v -> 1);
    }

    public synchronized V get(K key) {
        return map.get(key);
    }

    public synchronized void put(K key, V value) {
        V old = map.put(key, value);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        weight += weigher.applyAsLong(value);
        Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
        while (weight > maxWeight && map.size() > 1 && it.hasNext()) {
            Map.Entry<K, V> eldest = it.next();
            if (eldest.getKey().equals(key)) {
                continue;
            }
            weight -= weigher.applyAsLong(eldest.getValue());
            it.remove();
        }
    }

    public synchronized int size() {
        return map.size();
    }

    public synchronized long weight() {
        return weight;
    }

    public long maxWeight() {
        return maxWeight;
    }

    public synchronized void clear() {
        map.clear();
        weight = 0;
    }
}
