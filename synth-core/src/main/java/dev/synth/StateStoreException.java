package dev.synth;

/** The {@link dev.synth.spi.StateStore} could not load or commit the simulation's state. */
public class StateStoreException extends SynthException {
    private static final long serialVersionUID = 1L;

    /** An exception described by {@code message}. */
    public StateStoreException(String message) {
        super(message);
    }

    /** An exception described by {@code message}, caused by {@code cause}. */
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
