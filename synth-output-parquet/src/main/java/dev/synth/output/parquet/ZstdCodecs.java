package dev.synth.output.parquet;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's ZSTD page compression done with zstd-jni directly. parquet-hadoop's own codec factory looks codecs
 * up through a Hadoop {@code Configuration}, which would need Hadoop's runtime; this one needs none. Only
 * compression is used (the sink never reads Parquet).
 */
final class ZstdCodecs implements CompressionCodecFactory {
    private static final int LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("only ZSTD is supported, not " + codecName);
        }
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] src = bytes.toByteArray();
                byte[] dst = new byte[(int) Zstd.compressBound(src.length)];
                long n = Zstd.compressByteArray(dst, 0, dst.length, src, 0, src.length, LEVEL);
                if (Zstd.isError(n)) {
                    throw new IOException("zstd compression failed: " + Zstd.getErrorName(n));
                }
                return BytesInput.from(dst, 0, (int) n);
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.ZSTD;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                byte[] out = Zstd.decompress(bytes.toByteArray(), uncompressedSize);
                return BytesInput.from(out);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(Zstd.decompress(in, uncompressedSize));
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}
