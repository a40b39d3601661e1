package dev.synth;

/**
 * Root of every exception that synth throws. Unchecked, like jOOQ's {@code DataAccessException}: a host
 * application catches this one type to handle any failure of a simulation.
 */
public class SynthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception described by {@code message}. */
    public SynthException(String message) {
        super(message);
    }

    /** An exception described by {@code message}, caused by {@code cause}. */
    public SynthException(String message, Throwable cause) {
        super(message, cause);
    }
}
