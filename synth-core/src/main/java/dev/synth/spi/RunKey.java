package dev.synth.spi;

import java.util.Objects;

/**
 * Identifies one simulation across stops and resumes: the {@code global.organisation} and
 * {@code global.project} of its configuration (reference 6.3).
 */
public record RunKey(String organisation, String project) {
    public RunKey {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(project, "project");
    }

    @Override
    public String toString() {
        return organisation + "/" + project;
    }
}
