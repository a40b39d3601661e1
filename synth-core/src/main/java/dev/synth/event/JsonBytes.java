package dev.synth.event;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;

/**
 * The byte-level writers behind every {@link JsonOutput}: numbers, UTF-8 and JSON string escapes, written into a
 * {@code byte[]} at a position that the caller has made room at; each returns the position after what it wrote.
 * One copy for {@link JsonBuffer} and the CSV sink's buffer, so plain JSON and JSON inside a CSV field cannot
 * drift apart (the CSV variant only doubles the quotes, {@code csvQuotes}). Stateless and thread-safe; for the
 * outputs, not an API to build on.
 */
public final class JsonBytes {
    /** The most bytes {@link #putInt} writes. */
    public static final int MAX_INT_BYTES = 11;
    /** The most bytes {@link #putLong} writes. */
    public static final int MAX_LONG_BYTES = 20;
    /**
     * The most bytes {@link #putJsonChars} writes per char: a six-byte unicode escape (a surrogate pair is two
     * chars and four bytes; a quote in a CSV field three).
     */
    public static final int MAX_JSON_BYTES_PER_CHAR = 6;
    /** The most bytes {@link #putUtf8} writes per char (a doubled quote is two, a surrogate pair four for two). */
    public static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII chars: 0 written as is, -1 as a unicode escape, else the char after the backslash. */
    private static final byte[] ESCAPES = new byte[128];
    /** Bits of {@link #CHAR_CLASS}; {@code NON_ASCII} stands for the bits that chars from 0x80 on set. */
    private static final int CSV_SPECIAL = 1;
    private static final int JSON_SPECIAL = 2;
    private static final int NON_ASCII = 0xFF80;
    private static final byte[] CHAR_CLASS = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
            CHAR_CLASS[c] |= JSON_SPECIAL;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        CHAR_CLASS[','] = CSV_SPECIAL;
        CHAR_CLASS['\n'] = CSV_SPECIAL | JSON_SPECIAL;
        CHAR_CLASS['\r'] = CSV_SPECIAL | JSON_SPECIAL;
        CHAR_CLASS['"'] = CSV_SPECIAL | JSON_SPECIAL;
        CHAR_CLASS['\\'] = JSON_SPECIAL;
    }

    private JsonBytes() {
    }

    /** A decimal int, as {@link Integer#toString(int)} writes it; needs {@link #MAX_INT_BYTES} of room. */
    public static int putInt(byte[] out, int pos, int value) {
        return NumberOutput.outputInt(value, out, pos);
    }

    /** A decimal long, as {@link Long#toString(long)} writes it; needs {@link #MAX_LONG_BYTES} of room. */
    public static int putLong(byte[] out, int pos, long value) {
        return NumberOutput.outputLong(value, out, pos);
    }

    /** {@code 0 <= value < 100} as two digits. */
    public static int putTwoDigits(byte[] out, int pos, int value) {
        int tens = value / 10;
        out[pos] = (byte) ('0' + tens);
        out[pos + 1] = (byte) ('0' + value - tens * 10);
        return pos + 2;
    }

    /**
     * The chars of a JSON string without its quotes, escaped as Jackson's {@code JsonGenerator} escapes them (see
     * {@link JsonOutput#putJsonString}); with {@code csvQuotes} every quote written is doubled, for JSON inside a
     * quoted CSV field ({@code \"} becomes backslash and two quotes). Needs {@link #MAX_JSON_BYTES_PER_CHAR} bytes
     * of room per char. A surrogate pair split by {@code to} is written as two unpaired surrogates: callers that
     * write a string in parts end a part after the pair.
     */
    public static int putJsonChars(String s, int from, int to, byte[] out, int pos, boolean csvQuotes) {
        int flags = copyAscii(s, from, to, out, pos); // the usual case: ASCII that needs no escapes, done
        if ((flags & (NON_ASCII | JSON_SPECIAL)) == 0) {
            return pos + to - from;
        }
        return escapeJson(s, from, to, out, pos, csvQuotes);
    }

    private static int escapeJson(String s, int from, int to, byte[] out, int pos, boolean csvQuotes) {
        int p = pos;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[p++] = (byte) c;
                } else if (escape > 0) {
                    out[p++] = '\\';
                    out[p++] = escape;
                    if (escape == '"' && csvQuotes) {
                        out[p++] = '"';
                    }
                } else {
                    p = unicodeEscape(c, out, p);
                }
            } else if (!Character.isSurrogate(c)) {
                p = putTwoOrThreeBytes(c, out, p);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                p = putCodePoint(Character.toCodePoint(c, s.charAt(++i)), out, p);
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

    /** A char from U+0080 up, not a surrogate, as its two or three UTF-8 bytes. */
    private static int putTwoOrThreeBytes(char c, byte[] out, int pos) {
        if (c < 0x800) {
            out[pos] = (byte) (0xC0 | (c >> 6));
            out[pos + 1] = (byte) (0x80 | (c & 0x3F));
            return pos + 2;
        }
        out[pos] = (byte) (0xE0 | (c >> 12));
        out[pos + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[pos + 2] = (byte) (0x80 | (c & 0x3F));
        return pos + 3;
    }

    private static int putCodePoint(int cp, byte[] out, int pos) {
        out[pos] = (byte) (0xF0 | (cp >> 18));
        out[pos + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[pos + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[pos + 3] = (byte) (0x80 | (cp & 0x3F));
        return pos + 4;
    }

    /**
     * Chars as UTF-8, unescaped, an unpaired surrogate as {@code ?} (as {@link String#getBytes} writes it); with
     * {@code doubleQuotes} every quote doubled (a quoted CSV field). Needs {@link #MAX_UTF8_BYTES_PER_CHAR} bytes
     * of room per char.
     */
    public static int putUtf8(CharSequence s, int from, int to, byte[] out, int pos, boolean doubleQuotes) {
        int p = pos;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
                if (c == '"' && doubleQuotes) {
                    out[p++] = '"';
                }
            } else if (!Character.isSurrogate(c)) {
                p = putTwoOrThreeBytes(c, out, p);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                p = putCodePoint(Character.toCodePoint(c, s.charAt(++i)), out, p);
            } else {
                out[p++] = '?';
            }
        }
        return p;
    }

    /**
     * A CSV field (RFC 4180, like Python's {@code csv.QUOTE_MINIMAL}): quoted when it contains a comma, a quote,
     * CR or LF, with its quotes doubled; otherwise as is; UTF-8 as {@link #putUtf8}. Needs
     * {@link #MAX_UTF8_BYTES_PER_CHAR} bytes of room per char, plus 2.
     */
    public static int putCsvField(String s, byte[] out, int pos) {
        int len = s.length();
        int flags = copyAscii(s, 0, len, out, pos); // the usual case: ASCII that needs no quotes, done
        if ((flags & (NON_ASCII | CSV_SPECIAL)) == 0) {
            return pos + len;
        }
        if ((flags & NON_ASCII) == 0 ? (flags & CSV_SPECIAL) != 0 : needsQuotes(s)) {
            out[pos] = '"';
            int p = putUtf8(s, 0, len, out, pos + 1, true);
            out[p] = '"';
            return p + 1;
        }
        return putUtf8(s, 0, len, out, pos, false);
    }

    /** Whether a CSV field needs quotes: it holds a comma, a quote, CR or LF. */
    public static boolean needsQuotes(CharSequence s) {
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies the low bytes of {@code s}'s chars to {@code b} from {@code at} on, which is right when they are all
     * ASCII, and returns the union of their classes: {@link #NON_ASCII} bits when they are not. Branch-free, so
     * the usual case costs one pass and no mispredictions; the callers redo the rare other cases.
     */
    private static int copyAscii(String s, int from, int to, byte[] b, int at) {
        int flags = 0;
        int shift = at - from;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            b[shift + i] = (byte) c;
            flags |= CHAR_CLASS[c & 0x7F] | (c & NON_ASCII);
        }
        return flags;
    }

    /**
     * The bytes of object keys, as {@link JsonOutput#putKey} writes them (the JSON string, then a colon), cached:
     * the keys of event properties repeat from event to event. A small table by hash code, so a key whose slot
     * another key took is encoded again. Not thread-safe: one per buffer.
     */
    public static final class KeyCache {
        private static final int SLOTS = 64;
        private static final int MAX_CACHED_LENGTH = 64;

        private final boolean csvQuotes;
        private final String[] keys = new String[SLOTS];
        private final byte[][] bytes = new byte[SLOTS][];

        /** A cache of plain JSON keys, or with {@code csvQuotes} of keys inside a quoted CSV field. */
        public KeyCache(boolean csvQuotes) {
            this.csvQuotes = csvQuotes;
        }

        /** The bytes of {@code key} and its colon; {@code null} for a key too long to cache. Do not modify them. */
        public byte[] bytesOf(String key) {
            int slot = key.hashCode() & (SLOTS - 1);
            String cached = keys[slot];
            if (cached == key || key.equals(cached)) {
                return bytes[slot];
            }
            int len = key.length();
            if (len > MAX_CACHED_LENGTH) {
                return null;
            }
            byte[] b = new byte[MAX_JSON_BYTES_PER_CHAR * len + 5];
            int p = 0;
            b[p++] = '"';
            if (csvQuotes) {
                b[p++] = '"';
            }
            p = putJsonChars(key, 0, len, b, p, csvQuotes);
            b[p++] = '"';
            if (csvQuotes) {
                b[p++] = '"';
            }
            b[p++] = ':';
            byte[] encoded = java.util.Arrays.copyOf(b, p);
            keys[slot] = key;
            bytes[slot] = encoded;
            return encoded;
        }
    }
}
