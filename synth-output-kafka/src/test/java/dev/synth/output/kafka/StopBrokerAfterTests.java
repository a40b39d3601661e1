package dev.synth.output.kafka;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the tests' {@link KafkaTestBroker} when the JUnit session ends (registered in {@code META-INF/services}). */
public final class StopBrokerAfterTests implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            KafkaTestBroker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the in-process Kafka broker", e);
        }
    }
}
