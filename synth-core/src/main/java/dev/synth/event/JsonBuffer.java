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
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII chars: 0 written as is, -1 as a unicode escape, else the char after the backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    private byte[] buf;
    private int count;

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
        ensure(6 * len + 2);
        byte[] b = buf;
        int p = count;
        b[p++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    b[p++] = (byte) c;
                } else if (escape > 0) {
                    b[p++] = '\\';
                    b[p++] = escape;
                } else {
                    p = unicodeEscape(c, b, p);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                p = unicodeEscape(c, b, p);
            }
        }
        b[p++] = '"';
        count = p;
    }

    private static int unicodeEscape(char c, byte[] out, int pos) {
        int p = pos;
        out[p++] = '\\';
        out[p++] = 'u';
        out[p++] = HEX[(c >> 12) & 0xF];
        out[p++] = HEX[(c >> 8) & 0xF];
        out[p++] = HEX[(c >> 4) & 0xF];
        out[p++] = HEX[c & 0xF];
        return p;
    }

    @Override
    public void putInt(int value) {
        putChars(Integer.toString(value));
    }

    @Override
    public void putLong(long value) {
        putChars(Long.toString(value));
    }

    @Override
    public void putChars(CharSequence s) {
        int len = s.length();
        boolean ascii = true;
        for (int i = 0; i < len && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            ensure(len);
            for (int i = 0; i < len; i++) {
                buf[count++] = (byte) s.charAt(i);
            }
        } else {
            put(s.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void putTwoDigits(int value) {
        ensure(2);
        buf[count++] = (byte) ('0' + value / 10);
        buf[count++] = (byte) ('0' + value % 10);
    }

    /** A timestamp in the {@link Timestamps} format, with its quotes. */
    public void putTimestamp(long micros) {
        StringBuilder sb = new StringBuilder(29);
        sb.append('"');
        Timestamps.appendTo(sb, micros);
        sb.append('"');
        putChars(sb);
    }

    private void ensure(int n) {
        if (buf.length - count < n) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, count + n));
        }
    }
}
