package dev.synth.output.csv;

import dev.synth.event.JsonBytes;
import dev.synth.event.TimestampBytes;
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
final class OutBuffer implements dev.synth.event.JsonOutput {
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

    /** The backing array; in memory, its first {@link #size()} bytes are the content. */
    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    void reset() {
        count = 0;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    public void put(byte b) throws IOException {
        if (count == buf.length) {
            makeRoom(1);
        }
        buf[count++] = b;
    }

    @Override
    public void put(byte[] bytes) throws IOException {
        put(bytes, 0, bytes.length);
    }

    /** Bytes, as they are. */
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

    /** A decimal integer. */
    @Override
    public void putInt(int value) throws IOException {
        ensure(JsonBytes.MAX_INT_BYTES);
        count = JsonBytes.putInt(buf, count, value);
    }

    /** A decimal long. */
    @Override
    public void putLong(long value) throws IOException {
        ensure(JsonBytes.MAX_LONG_BYTES);
        count = JsonBytes.putLong(buf, count, value);
    }

    /**
     * A JSON string inside a quoted CSV field: escaped as Jackson's {@code JsonGenerator} escapes it, then with
     * every quote doubled, in one pass. A quote becomes backslash and two quotes, a backslash two backslashes;
     * the control characters BS, TAB, LF, FF, CR their short escapes, the other ones and unpaired surrogates a
     * six-character unicode escape (backslash, u, four upper-case hex digits); everything else is UTF-8.
     */
    @Override
    public void putJsonString(String s) throws IOException {
        int len = s.length();
        int room = JsonBytes.MAX_JSON_BYTES_PER_CHAR * len + 4;
        if (room > buf.length) {
            putLargeJsonString(s);
            return;
        }
        ensure(room);
        byte[] b = buf;
        int p = count;
        b[p] = '"';
        b[p + 1] = '"';
        p = JsonBytes.putJsonChars(s, 0, len, b, p + 2, true);
        b[p] = '"';
        b[p + 1] = '"';
        count = p + 2;
    }

    private final JsonBytes.KeyCache keys = new JsonBytes.KeyCache(true);

    /** An object key inside a quoted CSV field, its bytes cached: keys repeat from row to row. */
    @Override
    public void putKey(String key) throws IOException {
        byte[] bytes = keys.bytesOf(key);
        if (bytes != null) {
            put(bytes);
        } else {
            putJsonString(key);
            put((byte) ':');
        }
    }

    private void putLargeJsonString(String s) throws IOException {
        put((byte) '"');
        put((byte) '"');
        int len = s.length();
        int chunk = Math.max(2, buf.length / JsonBytes.MAX_JSON_BYTES_PER_CHAR - 1);
        for (int from = 0; from < len; ) {
            int to = Math.min(len, from + chunk);
            if (to < len && Character.isHighSurrogate(s.charAt(to - 1))) {
                to++; // never split a surrogate pair
            }
            ensure(JsonBytes.MAX_JSON_BYTES_PER_CHAR * (to - from));
            count = JsonBytes.putJsonChars(s, from, to, buf, count, true);
            from = to;
        }
        put((byte) '"');
        put((byte) '"');
    }

    /** Chars as UTF-8, unquoted. */
    @Override
    public void putChars(CharSequence s) throws IOException {
        int len = s.length();
        if (JsonBytes.MAX_UTF8_BYTES_PER_CHAR * len <= buf.length) {
            ensure(JsonBytes.MAX_UTF8_BYTES_PER_CHAR * len);
            count = JsonBytes.putUtf8(s, 0, len, buf, count, false);
        } else {
            putCharsSlowly(s, false);
        }
    }

    /**
     * A CSV field (RFC 4180, like Python's {@code csv.QUOTE_MINIMAL}): quoted when it contains a comma, a quote, CR
     * or LF, with its quotes doubled; otherwise as is.
     */
    void putField(String s) throws IOException {
        int room = JsonBytes.MAX_UTF8_BYTES_PER_CHAR * s.length() + 2;
        if (room > buf.length) {
            putLargeField(s);
            return;
        }
        ensure(room);
        count = JsonBytes.putCsvField(s, buf, count);
    }

    private void putLargeField(String s) throws IOException {
        if (JsonBytes.needsQuotes(s)) {
            put((byte) '"');
            putCharsSlowly(s, true);
            put((byte) '"');
        } else {
            putCharsSlowly(s, false);
        }
    }

    /** A time in the {@link dev.synth.event.Timestamps} format, unquoted, by the writer's day cache. */
    void putTimestamp(TimestampBytes timestamps, long micros) throws IOException {
        ensure(TimestampBytes.MAX_BYTES);
        count = timestamps.write(buf, count, micros);
    }

    /** {@code 0 <= value < 100} as two digits. */
    @Override
    public void putTwoDigits(int value) throws IOException {
        ensure(2);
        count = JsonBytes.putTwoDigits(buf, count, value);
    }

    private void putCharsSlowly(CharSequence s, boolean doubleQuotes) throws IOException {
        int len = s.length();
        int chunk = Math.max(1, buf.length / JsonBytes.MAX_UTF8_BYTES_PER_CHAR - 1);
        for (int from = 0; from < len; ) {
            int to = Math.min(len, from + chunk);
            if (to < len && Character.isHighSurrogate(s.charAt(to - 1))) {
                to++; // never split a surrogate pair
            }
            ensure(JsonBytes.MAX_UTF8_BYTES_PER_CHAR * (to - from));
            count = JsonBytes.putUtf8(s, from, to, buf, count, doubleQuotes);
            from = to;
        }
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
