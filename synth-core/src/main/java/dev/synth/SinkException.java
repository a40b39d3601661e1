package dev.synth;

/** An output ({@link dev.synth.spi.EventSink}) could not open, write or commit. */
public class SinkException extends SynthException {
    private static final long serialVersionUID = 1L;

    /** An exception described by {@code message}. */
    public SinkException(String message) {
        super(message);
    }

    /** An exception described by {@code message}, caused by {@code cause}. */
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
