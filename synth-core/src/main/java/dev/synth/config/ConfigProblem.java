package dev.synth.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: where, what value, and which rule it breaks.
 *
 * @param path  key path, e.g. {@code users.profiles.short.session_min_count}
 * @param value the offending value as written (may be {@code null} for a missing key)
 * @param rule  the rule it breaks, e.g. {@code must be >= 1}
 */
public record ConfigProblem(String path, Object value, String rule) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
    }

    /** E.g. {@code users.profiles.short.session_min_count was 0 but must be >= 1}. */
    public String message() {
        if (value == null) {
            return path + " " + rule;
        }
        return path + " was " + (value instanceof String ? "'" + value + "'" : value) + " but " + rule;
    }

    @Override
    public String toString() {
        return message();
    }
}
