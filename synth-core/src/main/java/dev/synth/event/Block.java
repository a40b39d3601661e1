package dev.synth.event;

/** The product area a log event belongs to; written as {@link #wireName()} in the {@code block} column. */
public enum Block {
    CORE("core"),
    ECOMMERCE("e-commerce"),
    ELEARNING("e-learning"),
    PAYMENT("payment"),
    LOYALTY("loyalty");

    private final String wireName;

    Block(String wireName) {
        this.wireName = wireName;
    }

    /** The name written in the {@code block} column, e.g. {@code e-commerce}. */
    public String wireName() {
        return wireName;
    }
}
