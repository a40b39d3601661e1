package dev.synth.event;

import java.io.IOException;

/**
 * A UTF-8 byte output that {@link JsonValues} renders JSON into. Implementations decide how a JSON string is
 * embedded: {@link JsonBuffer} writes plain JSON; the CSV sink doubles the quotes so the JSON can sit inside a
 * quoted CSV field. Not thread-safe.
 */
public interface JsonOutput {
    /** One byte, as is. */
    void put(byte b) throws IOException;

    /** Bytes, as they are. */
    void put(byte[] bytes) throws IOException;

    /**
     * A JSON string with its quotes, escaped as Jackson's {@code JsonGenerator} escapes it: a quote and a backslash
     * with a backslash; BS, TAB, LF, FF, CR by their short escapes; the other control characters and unpaired
     * surrogates as a six-character unicode escape with upper-case hex digits; everything else as UTF-8.
     */
    void putJsonString(String s) throws IOException;

    /**
     * An object key: {@code key} as {@link #putJsonString} writes it, then a colon. Buffers may cache the bytes of
     * the keys they see often.
     */
    default void putKey(String key) throws IOException {
        putJsonString(key);
        put((byte) ':');
    }

    /** A decimal integer. */
    void putInt(int value) throws IOException;

    /** A decimal long. */
    void putLong(long value) throws IOException;

    /** Characters as UTF-8, unquoted and unescaped (numbers, constants). */
    void putChars(CharSequence s) throws IOException;

    /** {@code 0 <= value < 100} as two digits. */
    void putTwoDigits(int value) throws IOException;
}
