package dev.synth.event;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A growable in-memory UTF-8 buffer of plain JSON (see {@link JsonOutput}); the JSON Lines, Kafka and Parquet
 * outputs render into it, and {@link EventJson} fills it with whole events. Reusable with {@link #reset()}.
 * Not thread-safe.
 */
public final class JsonBuffer implements JsonOutput {
    private byte[] buf;
    private int count;
    /** Caches the date of the last timestamp; made on first use. */
    private TimestampBytes timestamps;
    /** Caches the bytes of object keys; made once the buffer has written 16 keys. */
    private JsonBytes.KeyCache keys;
    private int uncachedKeys;
    private static final int KEYS_BEFORE_CACHE = 16;

    /** An empty buffer of the given initial capacity. */
    public JsonBuffer(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes held. */
    public int size() {
        return count;
    }

    /** Forgets everything written. */
    public void reset() {
        count = 0;
    }

    /** Forgets everything after {@code size}, which must not exceed {@link #size()}. */
    public void truncate(int size) {
        if (size < 0 || size > count) {
            throw new IllegalArgumentException("size " + size + " is outside [0, " + count + "]");
        }
        count = size;
    }

    /** A copy of the bytes held. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    /** The array backing the buffer; its first {@link #size()} bytes are the content. */
    public byte[] array() {
        return buf;
    }

    /** Writes the bytes held to a stream. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, count);
    }

    /** A JSON object of a map (see {@link JsonValues}). */
    public JsonBuffer writeObject(Map<?, ?> map) {
        try {
            JsonValues.writeObject(this, map);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return this;
    }

    /** The bytes held, decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(buf, 0, count, StandardCharsets.UTF_8);
    }

    @Override
    public void put(byte b) {
        ensure(1);
        buf[count++] = b;
    }

    @Override
    public void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, count, bytes.length);
        count += bytes.length;
    }

    /** Bytes, as they are. */
    public void put(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, count, len);
        count += len;
    }

    @Override
    public void putJsonString(String s) {
        int len = s.length();
        ensure(JsonBytes.MAX_JSON_BYTES_PER_CHAR * len + 2);
        byte[] b = buf;
        b[count] = '"';
        int p = JsonBytes.putJsonChars(s, 0, len, b, count + 1, false);
        b[p] = '"';
        count = p + 1;
    }

    /** An object key, its bytes cached: keys repeat from event to event. */
    @Override
    public void putKey(String key) {
        if (keys == null) {
            if (++uncachedKeys <= KEYS_BEFORE_CACHE) { // a buffer for one small object: not worth a cache
                putJsonString(key);
                put((byte) ':');
                return;
            }
            keys = new JsonBytes.KeyCache(false);
        }
        byte[] bytes = keys.bytesOf(key);
        if (bytes != null) {
            put(bytes);
        } else {
            putJsonString(key);
            put((byte) ':');
        }
    }

    @Override
    public void putInt(int value) {
        ensure(JsonBytes.MAX_INT_BYTES);
        count = JsonBytes.putInt(buf, count, value);
    }

    @Override
    public void putLong(long value) {
        ensure(JsonBytes.MAX_LONG_BYTES);
        count = JsonBytes.putLong(buf, count, value);
    }

    @Override
    public void putChars(CharSequence s) {
        int len = s.length();
        ensure(JsonBytes.MAX_UTF8_BYTES_PER_CHAR * len);
        count = JsonBytes.putUtf8(s, 0, len, buf, count, false);
    }

    @Override
    public void putTwoDigits(int value) {
        ensure(2);
        count = JsonBytes.putTwoDigits(buf, count, value);
    }

    /** A timestamp in the {@link Timestamps} format, with its quotes. */
    public void putTimestamp(long micros) {
        if (timestamps == null) {
            timestamps = new TimestampBytes();
        }
        ensure(TimestampBytes.MAX_BYTES + 2);
        buf[count] = '"';
        int p = timestamps.write(buf, count + 1, micros);
        buf[p] = '"';
        count = p + 1;
    }

    private void ensure(int n) {
        if (buf.length - count < n) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, count + n));
        }
    }
}
