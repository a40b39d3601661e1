package dev.synth.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Builds the ordered, unmodifiable property maps of events. Never use {@code Map.of} for event data: its
 * iteration order changes from one JVM start to the next, which would break byte-identical output (D1).
 */
public final class Props {
    private Props() {
    }

    /**
     * An ordered map of alternating keys and values: {@code Props.of("action", "login")}. Backed by arrays
     * (event props have a handful of keys), so it is much cheaper than a hash map; equal to any map with the
     * same entries.
     */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("key " + i / 2 + " is not a string: " + keysAndValues[i]);
            }
        }
        return new ArrayMap(keysAndValues.clone());
    }

    /** A compact, unmodifiable copy of an ordered map with string keys, in its iteration order. */
    public static Map<String, Object> copyOf(Map<String, ?> map) {
        Object[] kv = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            kv[i++] = java.util.Objects.requireNonNull(e.getKey(), "key");
            kv[i++] = e.getValue();
        }
        return new ArrayMap(kv);
    }

    /**
     * The alternating keys and values behind a map made by {@link #of} or {@link #copyOf}, or {@code null} for
     * any other map. For compact storage of pending events by the engine: the array is shared, never modify it.
     */
    public static Object[] keysAndValues(Map<String, Object> map) {
        return map instanceof ArrayMap a ? a.kv : null;
    }

    /** As {@link #keysAndValues}, for any map: {@code null} unless {@link #of} or {@link #copyOf} made it. */
    static Object[] arrayOf(Map<?, ?> map) {
        return map instanceof ArrayMap a ? a.kv : null;
    }

    /** The map over an array returned by {@link #keysAndValues} (shared, not copied). */
    public static Map<String, Object> overKeysAndValues(Object[] kv) {
        return new ArrayMap(kv);
    }

    /** Wraps an already built ordered map. */
    public static Map<String, Object> wrap(LinkedHashMap<String, Object> map) {
        return Collections.unmodifiableMap(map);
    }

    /** Unmodifiable insertion-ordered map over an array of alternating keys and values. */
    private static final class ArrayMap extends AbstractMap<String, Object> {
        private final Object[] kv;

        ArrayMap(Object[] kv) {
            this.kv = kv;
        }

        @Override
        public int size() {
            return kv.length / 2;
        }

        @Override
        public Object get(Object key) {
            for (int i = 0; i < kv.length; i += 2) {
                if (kv[i].equals(key)) {
                    return kv[i + 1];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            for (int i = 0; i < kv.length; i += 2) {
                if (kv[i].equals(key)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return kv.length / 2;
                }

                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < kv.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (i >= kv.length) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, Object> e = new SimpleImmutableEntry<>((String) kv[i], kv[i + 1]);
                            i += 2;
                            return e;
                        }
                    };
                }
            };
        }
    }
}
