package dev.synth.user;

import java.util.Objects;

/**
 * A {@link UserTypeProvider} with a fixed name and factory, to subclass: a public no-argument constructor that
 * calls {@code super(name, factory)} makes it loadable by {@link java.util.ServiceLoader}, and the subclass
 * overrides what its type declares (settings, event types, rules).
 *
 * <pre>{@code
 * public final class SubscriberType extends NamedUserType {
 *     public SubscriberType() {
 *         super("subscriber", Subscriber::new);
 *     }
 * }
 * }</pre>
 */
public abstract class NamedUserType implements UserTypeProvider {
    private final String type;
    private final UserFactory factory;

    protected NamedUserType(String type, UserFactory factory) {
        this.type = Objects.requireNonNull(type, "type");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final UserFactory factory() {
        return factory;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + type + "]";
    }
}
