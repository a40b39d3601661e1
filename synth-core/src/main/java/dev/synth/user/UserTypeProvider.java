package dev.synth.user;

import dev.synth.config.UserTypeSchema;

/**
 * A user type: its name, how its users are created, and what it reads from the profiles that use it
 * ({@link UserTypeSchema}: its own settings with defaults, its event types, its own rules - all checked before a
 * run with key-path messages). The built-in types are provided the same way.
 *
 * <p>Register one on the builder with {@code Simulation.builder().registerUserType(provider)}, or make it
 * available to every simulation on the classpath - and so to YAML {@code user_type} and the command line - by
 * listing the class in {@code META-INF/services/dev.synth.user.UserTypeProvider} ({@link java.util.ServiceLoader};
 * such classes need a public no-argument constructor). Types registered on the builder win.
 */
public interface UserTypeProvider extends UserTypeSchema {
    /** The {@code user_type} name, e.g. {@code subscriber}. */
    @Override
    String type();

    /** Creates the users of this type. */
    UserFactory factory();

    /** A type named {@code type} that creates users with {@code factory} and declares nothing else. */
    static UserTypeProvider of(String type, UserFactory factory) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(factory, "factory");
        return new UserTypeProvider() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public UserFactory factory() {
                return factory;
            }
        };
    }
}
