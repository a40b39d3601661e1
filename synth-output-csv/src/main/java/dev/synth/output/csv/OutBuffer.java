package dev.synth.output.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An unsynchronized UTF-8 byte buffer that CSV rows are rendered into. Backed by a {@link FileChannel}, it has a
 * fixed capacity and drains to the channel when full; without one it grows in memory (used by tests and by
 * {@link CsvFormat}'s string helpers). Encodes chars to UTF-8 itself (an unpaired surrogate becomes {@code ?},
 * as in {@link String#getBytes}), so no {@code String} or {@code CharsetEncoder} is allocated per field.
 */
final class OutBuffer {
    private final FileChannel channel;
    private byte[] buf;
    private ByteBuffer view;
    private int count;
    /** Bytes of the file in front of {@code buf[0]}: everything already handed to the channel. */
    private long flushed;

    /** An in-memory buffer that grows as needed. */
    OutBuffer(int initialCapacity) {
        this.channel = null;
        this.buf = new byte[initialCapacity];
    }

    /** A buffer draining to {@code channel} from file position {@code start} on. */
    OutBuffer(FileChannel channel, long start, int capacity) {
        this.channel = channel;
        this.buf = new byte[capacity];
        this.view = ByteBuffer.wrap(buf);
        this.flushed = start;
    }

    /** The logical length of the output: bytes on the channel plus bytes buffered. */
    long size() {
        return flushed + count;
    }

    /**
     * Hands every buffered byte to the channel (the OS), without forcing it to the device. Writes at explicit
     * file positions, so a write that fails half-way leaves nothing that the next flush or a rollback would
     * not overwrite or cut off.
     */
    void flush() throws IOException {
        if (count == 0 || channel == null) {
            return;
        }
        view.clear().limit(count);
        while (view.hasRemaining()) {
            channel.write(view, flushed + view.position());
        }
        flushed += count;
        count = 0;
    }

    /**
     * Forgets everything after {@code size}, which must not exceed {@link #size()}: drops buffered bytes and cuts
     * the file back if bytes past {@code size}, or the remains of a failed flush, reached it.
     */
    void rollbackTo(long size) throws IOException {
        if (size >= flushed) {
            count = (int) (size - flushed);
            if (channel != null && channel.size() > flushed) {
                channel.truncate(flushed);
            }
            return;
        }
        channel.truncate(size);
        flushed = size;
        count = 0;
    }

    /** The buffered bytes decoded as UTF-8 (in-memory buffers). */
    @Override
    public String toString() {
        return new String(buf, 0, count, StandardCharsets.UTF_8);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    void reset() {
        count = 0;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    void put(byte b) throws IOException {
        if (count == buf.length) {
            makeRoom(1);
        }
        buf[count++] = b;
    }

    void put(byte[] bytes) throws IOException {
        put(bytes, 0, bytes.length);
    }

    void put(byte[] bytes, int off, int len) throws IOException {
        if (buf.length - count < len) {
            makeRoom(len);
            if (buf.length - count < len) { // larger than a drained buffer: straight to the channel
                ByteBuffer direct = ByteBuffer.wrap(bytes, off, len);
                while (direct.hasRemaining()) {
                    channel.write(direct, flushed + (direct.position() - off));
                }
                flushed += len;
                return;
            }
        }
        System.arraycopy(bytes, off, buf, count, len);
        count += len;
    }

    /** Writes bytes, doubling every {@code "} (byte 0x22 is only ever a quote in UTF-8). */
    void putQuoteDoubled(byte[] bytes, int off, int len) throws IOException {
        if (2 * len <= buf.length) {
            ensure(2 * len);
            byte[] b = buf;
            int c = count;
            for (int i = off, end = off + len; i < end; i++) {
                byte x = bytes[i];
                b[c++] = x;
                if (x == '"') {
                    b[c++] = x;
                }
            }
            count = c;
        } else {
            for (int i = off, end = off + len; i < end; i++) {
                put(bytes[i]);
                if (bytes[i] == '"') {
                    put((byte) '"');
                }
            }
        }
    }

    /** A decimal integer. */
    void putInt(int value) throws IOException {
        ensure(11);
        int v = value;
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                put(INT_MIN);
                return;
            }
            buf[count++] = '-';
            v = -v;
        }
        int len = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6
                : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        int pos = count + len;
        while (v >= 10) {
            int q = v / 10;
            buf[--pos] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        buf[--pos] = (byte) ('0' + v);
        count += len;
    }

    private static final byte[] INT_MIN = Integer.toString(Integer.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /** Chars as UTF-8, unquoted. */
    void putChars(CharSequence s) throws IOException {
        int len = s.length();
        if (3 * len <= buf.length) {
            ensure(3 * len);
            count = encode(s, 0, len, buf, count, false);
        } else {
            putCharsSlowly(s, false);
        }
    }

    /**
     * A CSV field (RFC 4180, like Python's {@code csv.QUOTE_MINIMAL}): quoted when it contains a comma, a quote, CR
     * or LF, with its quotes doubled; otherwise as is.
     */
    void putField(String s) throws IOException {
        int len = s.length();
        boolean quote = false;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            putChars(s);
            return;
        }
        // 3 bytes per char covers both a doubled quote (2) and any UTF-8 sequence (a pair of surrogates is 4)
        if (3 * len + 2 <= buf.length) {
            ensure(3 * len + 2);
            buf[count++] = '"';
            count = encode(s, 0, len, buf, count, true);
            buf[count++] = '"';
        } else {
            put((byte) '"');
            putCharsSlowly(s, true);
            put((byte) '"');
        }
    }

    private void putCharsSlowly(CharSequence s, boolean doubleQuotes) throws IOException {
        int len = s.length();
        int chunk = Math.max(1, buf.length / 3 - 1);
        for (int from = 0; from < len; ) {
            int to = Math.min(len, from + chunk);
            if (to < len && Character.isHighSurrogate(s.charAt(to - 1))) {
                to++; // never split a surrogate pair
            }
            ensure(3 * (to - from));
            count = encode(s, from, to, buf, count, doubleQuotes);
            from = to;
        }
    }

    /** Encodes {@code s[from, to)} into {@code out} at {@code pos}, which has room; returns the new position. */
    private static int encode(CharSequence s, int from, int to, byte[] out, int pos, boolean doubleQuotes) {
        int p = pos;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
                if (c == '"' && doubleQuotes) {
                    out[p++] = '"';
                }
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[p++] = '?';
            }
        }
        return p;
    }

    /** Makes room for {@code n} more bytes; {@code n} must not exceed the capacity of a channel buffer. */
    private void ensure(int n) throws IOException {
        if (buf.length - count < n) {
            makeRoom(n);
        }
    }

    private void makeRoom(int n) throws IOException {
        if (channel != null) {
            flush();
        } else {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, count + n));
        }
    }
}
