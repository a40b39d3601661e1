package dev.synth.user;

/**
 * Makes a user type available by name to every simulation on the classpath - and so to YAML
 * {@code user_type} and the command line - without a call to {@code registerUserType}. Implementations are
 * discovered with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.synth.user.UserTypeProvider}. Types registered on the builder win.
 */
public interface UserTypeProvider {
    /** The {@code user_type} name, e.g. {@code subscriber}. */
    String type();

    /** Creates the users of this type. */
    UserFactory factory();
}
