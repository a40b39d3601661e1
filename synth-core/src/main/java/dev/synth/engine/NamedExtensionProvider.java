package dev.synth.engine;

import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link DriverExtensionProvider} with a fixed name and a function that creates the extension, to subclass:
 * a public no-argument constructor that calls {@code super(name, create)} makes it loadable by
 * {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * public static final class Provider extends NamedExtensionProvider {
 *     public Provider() {
 *         super("loyalty", env -> new LoyaltyExtension(env.config()));
 *     }
 * }
 * }</pre>
 */
public abstract class NamedExtensionProvider implements DriverExtensionProvider {
    private final String name;
    private final Function<Environment, DriverExtension> create;

    protected NamedExtensionProvider(String name, Function<Environment, DriverExtension> create) {
        this.name = Objects.requireNonNull(name, "name");
        this.create = Objects.requireNonNull(create, "create");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final DriverExtension create(Environment environment) {
        return create.apply(environment);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
