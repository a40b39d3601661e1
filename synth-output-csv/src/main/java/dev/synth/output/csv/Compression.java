package dev.synth.output.csv;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of a text output file. Each committed step becomes one gzip member or one zstd frame appended to
 * the file, so a file is always a valid stream ({@code gzip -dc}, {@code zstd -dc}, DuckDB, Spark read it as
 * one), and a resume cuts the file back to the end of its last committed member.
 */
public enum Compression {
    /** Plain text. */
    NONE("none", ""),
    /** gzip (RFC 1952), default level; suffix {@code .gz}. */
    GZIP("gzip", ".gz"),
    /** Zstandard, level 3; suffix {@code .zst}. */
    ZSTD("zstd", ".zst");

    private static final int ZSTD_LEVEL = 3;

    private final String configName;
    private final String suffix;

    Compression(String configName, String suffix) {
        this.configName = configName;
        this.suffix = suffix;
    }

    /** The name in configuration: {@code none}, {@code gzip}, {@code zstd}. */
    public String configName() {
        return configName;
    }

    /** The file name suffix: empty, {@code .gz}, {@code .zst}. */
    public String suffix() {
        return suffix;
    }

    /** The compression a configuration names, if any. */
    public static Optional<Compression> ofName(String name) {
        for (Compression c : values()) {
            if (c.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The compression a file name's suffix implies: {@code .gz} gzip, {@code .zst} zstd, else none. */
    public static Compression ofFileName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(GZIP.suffix)) {
            return GZIP;
        }
        if (name.endsWith(ZSTD.suffix)) {
            return ZSTD;
        }
        return NONE;
    }

    /** One complete member (frame) holding {@code bytes[0, length)}. */
    byte[] compress(byte[] bytes, int length) throws IOException {
        switch (this) {
            case GZIP -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
                try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                    gz.write(bytes, 0, length);
                }
                return out.toByteArray();
            }
            case ZSTD -> {
                byte[] dst = new byte[(int) Zstd.compressBound(length)];
                long n = Zstd.compressByteArray(dst, 0, dst.length, bytes, 0, length, ZSTD_LEVEL);
                if (Zstd.isError(n)) {
                    throw new IOException("zstd compression failed: " + Zstd.getErrorName(n));
                }
                return java.util.Arrays.copyOf(dst, (int) n);
            }
            default -> {
                return java.util.Arrays.copyOf(bytes, length);
            }
        }
    }
}
