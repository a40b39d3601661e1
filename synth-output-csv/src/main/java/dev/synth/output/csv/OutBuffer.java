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

    /** A decimal long. */
    @Override
    public void putLong(long value) throws IOException {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            putInt((int) value);
            return;
        }
        ensure(20);
        long v = value;
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(LONG_MIN);
                return;
            }
            buf[count++] = '-';
            v = -v;
        }
        int len = 10;
        while (len < 19 && v >= POWERS_OF_TEN_LONG[len]) {
            len++;
        }
        int pos = count + len;
        while (v >= 10) {
            long q = v / 10;
            buf[--pos] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        buf[--pos] = (byte) ('0' + v);
        count += len;
    }

    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    private static final long[] POWERS_OF_TEN_LONG = new long[19];

    static {
        POWERS_OF_TEN_LONG[0] = 1;
        for (int i = 1; i < 19; i++) {
            POWERS_OF_TEN_LONG[i] = POWERS_OF_TEN_LONG[i - 1] * 10;
        }
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
        if (6 * len + 4 > buf.length) { // 6 bytes per char cover the longest escape
            putLargeJsonString(s);
            return;
        }
        ensure(6 * len + 4);
        byte[] b = buf;
        int p = count;
        b[p++] = '"';
        b[p++] = '"';
        int flags = copyAscii(s, len, b, p); // the usual case: ASCII that needs no escapes, done
        p = (flags & (NON_ASCII | JSON_SPECIAL)) == 0 ? p + len : encodeJson(s, 0, len, b, p);
        b[p++] = '"';
        b[p++] = '"';
        count = p;
    }

    private void putLargeJsonString(String s) throws IOException {
        put((byte) '"');
        put((byte) '"');
        int len = s.length();
        int chunk = Math.max(2, buf.length / 6 - 1);
        for (int from = 0; from < len; ) {
            int to = Math.min(len, from + chunk);
            if (to < len && Character.isHighSurrogate(s.charAt(to - 1))) {
                to++; // never split a surrogate pair
            }
            ensure(6 * (to - from));
            count = encodeJson(s, from, to, buf, count);
            from = to;
        }
        put((byte) '"');
        put((byte) '"');
    }

    /** For ASCII chars: 0 written as is, -1 as a unicode escape, else the char after the backslash. */
    private static final byte[] JSON_ESCAPES = new byte[128];
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    static {
        for (int c = 0; c < 0x20; c++) {
            JSON_ESCAPES[c] = -1;
        }
        JSON_ESCAPES['"'] = '"';
        JSON_ESCAPES['\\'] = '\\';
        JSON_ESCAPES['\b'] = 'b';
        JSON_ESCAPES['\t'] = 't';
        JSON_ESCAPES['\n'] = 'n';
        JSON_ESCAPES['\f'] = 'f';
        JSON_ESCAPES['\r'] = 'r';
    }

    private static int encodeJson(String s, int from, int to, byte[] out, int pos) {
        int p = pos;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = JSON_ESCAPES[c];
                if (escape == 0) {
                    out[p++] = (byte) c;
                } else if (escape > 0) {
                    out[p++] = '\\';
                    out[p++] = escape;
                    if (escape == '"') {
                        out[p++] = '"'; // doubled for CSV
                    }
                } else {
                    p = unicodeEscape(c, out, p);
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
                p = unicodeEscape(c, out, p);
            }
        }
        return p;
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

    /** Chars as UTF-8, unquoted. */
    @Override
    public void putChars(CharSequence s) throws IOException {
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
        // 3 bytes per char cover both a doubled quote (2) and any UTF-8 sequence (a surrogate pair is 4)
        if (3 * len + 2 > buf.length) {
            putLargeField(s);
            return;
        }
        ensure(3 * len + 2);
        int flags = copyAscii(s, len, buf, count); // the usual case: ASCII that needs no quotes, done
        if ((flags & (NON_ASCII | CSV_SPECIAL)) == 0) {
            count += len;
        } else if ((flags & NON_ASCII) == 0 ? (flags & CSV_SPECIAL) != 0 : needsQuotes(s, 0)) {
            buf[count] = '"';
            int p = encode(s, 0, len, buf, count + 1, true);
            buf[p++] = '"';
            count = p;
        } else {
            count = encode(s, 0, len, buf, count, false);
        }
    }

    /** Bits of {@link #CHAR_CLASS}; {@code NON_ASCII} stands for the bits that chars from 0x80 on set. */
    private static final int CSV_SPECIAL = 1;
    private static final int JSON_SPECIAL = 2;
    private static final int NON_ASCII = 0xFF80;
    private static final byte[] CHAR_CLASS = new byte[128];

    static {
        CHAR_CLASS[','] = CSV_SPECIAL;
        CHAR_CLASS['\n'] = CSV_SPECIAL | JSON_SPECIAL;
        CHAR_CLASS['\r'] = CSV_SPECIAL | JSON_SPECIAL;
        CHAR_CLASS['"'] = CSV_SPECIAL | JSON_SPECIAL;
        CHAR_CLASS['\\'] = JSON_SPECIAL;
        for (int c = 0; c < 0x20; c++) {
            CHAR_CLASS[c] |= JSON_SPECIAL;
        }
    }

    /**
     * Copies the low bytes of {@code s}'s chars to {@code b} from {@code at} on, which is right when they are all
     * ASCII, and returns the union of their classes: {@link #NON_ASCII} bits when they are not. Branch-free, so
     * the usual case costs one pass and no mispredictions; the callers redo the rare other cases.
     */
    private static int copyAscii(String s, int len, byte[] b, int at) {
        int flags = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            b[at + i] = (byte) c;
            flags |= CHAR_CLASS[c & 0x7F] | (c & NON_ASCII);
        }
        return flags;
    }

    private void putLargeField(String s) throws IOException {
        if (needsQuotes(s, 0)) {
            put((byte) '"');
            putCharsSlowly(s, true);
            put((byte) '"');
        } else {
            putCharsSlowly(s, false);
        }
    }

    private static boolean needsQuotes(String s, int from) {
        for (int i = from, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code HH:mm:ss.SSSSSS'Z'} for a time of day in microseconds, {@code 0 <= microOfDay < 86,400,000,000}.
     */
    void putTimeOfDay(long microOfDay) throws IOException {
        ensure(16);
        int second = (int) (microOfDay / 1_000_000);
        int micro = (int) (microOfDay - second * 1_000_000L);
        byte[] b = buf;
        int p = count;
        two(b, p, second / 3600);
        b[p + 2] = ':';
        two(b, p + 3, second / 60 % 60);
        b[p + 5] = ':';
        two(b, p + 6, second % 60);
        b[p + 8] = '.';
        int high = micro / 1000;
        int low = micro - high * 1000;
        three(b, p + 9, high);
        three(b, p + 12, low);
        b[p + 15] = 'Z';
        count = p + 16;
    }

    /** {@code 0 <= value < 100} as two digits. */
    @Override
    public void putTwoDigits(int value) throws IOException {
        ensure(2);
        two(buf, count, value);
        count += 2;
    }

    private static void two(byte[] b, int p, int v) {
        int tens = v / 10;
        b[p] = (byte) ('0' + tens);
        b[p + 1] = (byte) ('0' + v - tens * 10);
    }

    private static void three(byte[] b, int p, int v) {
        int hundreds = v / 100;
        b[p] = (byte) ('0' + hundreds);
        two(b, p + 1, v - hundreds * 100);
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
