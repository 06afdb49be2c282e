package org.clanet.workbench.app.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LruCacheTest {

    @Test
    void evictsLeastRecentlyUsedByWeight() {
        LruCache<String, int[]> c = new LruCache<>(10, a -> a.length);
        c.put("a", new int[4]);
        c.put("b", new int[4]);
        c.get("a"); // a is now more recent than b
        c.put("c", new int[4]);
        assertNull(c.get("b"));
        assertNotNull(c.get("a"));
        assertNotNull(c.get("c"));
        assertEquals(8, c.weight());
        c.put("huge", new int[50]); // larger than the bound: kept alone
        assertEquals(1, c.size());
        assertEquals(50, c.weight());
        c.clear();
        assertEquals(0, c.weight());
    }

    @Test
    void replacingAKeyAdjustsTheWeight() {
        LruCache<String, int[]> c = new LruCache<>(100, a -> a.length);
        c.put("a", new int[40]);
        c.put("a", new int[10]);
        assertEquals(10, c.weight());
        LruCache<Integer, String> e = LruCache.ofEntries(3);
        for (int i = 0; i < 10; i++) {
            e.put(i, "v" + i);
        }
        assertEquals(3, e.size());
        assertEquals("v9", e.get(9));
    }
}
