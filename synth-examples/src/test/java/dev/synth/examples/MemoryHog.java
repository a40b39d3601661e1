package dev.synth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.ProfileConfig;
import dev.synth.user.User;
import dev.synth.user.UserFactory;
import dev.synth.user.UserIdentity;
import dev.synth.user.UserTypeProvider;
import dev.synth.user.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * A test user type ({@code user_type: memory_hog}) that produces no events and, when the environment variable
 * {@code SYNTH_TEST_HOG} is set, keeps 4 MB more for every day it generates from 2020-01-02 on: a run that runs
 * out of heap part way, for the out-of-memory test. Without the variable it is harmless.
 */
public final class MemoryHog extends User {
    private static final List<byte[]> KEPT = new ArrayList<>();
    private static final long FROM_MICROS = 1_577_923_200_000_000L; // 2020-01-02T00:00:00Z

    MemoryHog(UserIdentity identity, ProfileConfig profile) {
        super(identity, profile);
    }

    @Override
    protected void generate(Window window) {
        if (System.getenv("SYNTH_TEST_HOG") != null && window.startMicros() >= FROM_MICROS) {
            for (int i = 0; i < 1000; i++) {
                KEPT.add(new byte[4 << 20]);
            }
        }
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    protected JsonNode saveState(ObjectMapper mapper) {
        return mapper.createObjectNode();
    }

    @Override
    protected void restoreState(JsonNode state, ObjectMapper mapper) {
    }

    /** Registers {@code memory_hog} through {@code META-INF/services}. */
    public static final class Provider implements UserTypeProvider {
        @Override
        public String type() {
            return "memory_hog";
        }

        @Override
        public UserFactory factory() {
            return MemoryHog::new;
        }
    }
}
