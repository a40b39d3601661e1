package dev.synth.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The product area a log event belongs to, written as {@link #wireName()} in the {@code block} column. An
 * open set of names: the reference's five are constants here, and a host's user type may use its own, e.g.
 * {@code Block.of("streaming")}. Instances are canonical - {@code Block.of("core") == Block.CORE} - so they
 * may be compared with {@code ==}.
 */
public final class Block {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Map<String, Block> KNOWN = new ConcurrentHashMap<>();

    /** {@code core}: identity, sessions, content, ratings. */
    public static final Block CORE = of("core");
    /** {@code e-commerce}: shop items, carts, checkouts, deliveries. */
    public static final Block ECOMMERCE = of("e-commerce");
    /** {@code e-learning}: modules and exams. */
    public static final Block ELEARNING = of("e-learning");
    /** {@code payment}: payment methods and account transactions. */
    public static final Block PAYMENT = of("payment");
    /** {@code loyalty}: milestones and levels. */
    public static final Block LOYALTY = of("loyalty");

    private final String wireName;

    private Block(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The block with this name: lower-case letters, digits, {@code -} and {@code _}, starting with a letter or
     * digit.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Block of(String wireName) {
        Objects.requireNonNull(wireName, "wireName");
        Block known = KNOWN.get(wireName);
        if (known != null) {
            return known;
        }
        if (!NAME.matcher(wireName).matches()) {
            throw new IllegalArgumentException("block name '" + wireName
                    + "' must be lower-case letters, digits, '-' and '_', starting with a letter or digit");
        }
        return KNOWN.computeIfAbsent(wireName, Block::new);
    }

    /** Reads a stored block: its wire name, or the constant's name that older stored states used. */
    @JsonCreator
    static Block fromJson(String name) {
        return switch (name) {
            case "CORE" -> CORE;
            case "ECOMMERCE" -> ECOMMERCE;
            case "ELEARNING" -> ELEARNING;
            case "PAYMENT" -> PAYMENT;
            case "LOYALTY" -> LOYALTY;
            default -> of(name);
        };
    }

    /** The name written in the {@code block} column, e.g. {@code e-commerce}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
