package dev.synth.examples.subscriber;

import dev.synth.user.UserFactory;
import dev.synth.user.UserTypeProvider;

/**
 * Makes {@code user_type: subscriber} known to every simulation on the classpath, including the command
 * line ({@code synth run config/streaming_subscribers.yml}), through
 * {@code META-INF/services/dev.synth.user.UserTypeProvider}.
 */
public final class SubscriberTypeProvider implements UserTypeProvider {
    @Override
    public String type() {
        return StreamingSubscriber.USER_TYPE;
    }

    @Override
    public UserFactory factory() {
        return StreamingSubscriber::new;
    }
}
