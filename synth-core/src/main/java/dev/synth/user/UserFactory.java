package dev.synth.user;

import dev.synth.config.ProfileConfig;

/**
 * Creates the users of one user type ({@code user_type} in a profile). Register a factory on the
 * simulation builder to add your own kind of user:
 * {@code Simulation.builder().registerUserType("subscriber", SubscriberUser::new)}.
 */
@FunctionalInterface
public interface UserFactory {
    /** A new user object. Its state is then either initialised (a new user) or restored (a resumed one). */
    User create(UserIdentity identity, ProfileConfig profile);
}
