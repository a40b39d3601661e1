package dev.synth.config;

import dev.synth.ConfigException;
import dev.synth.model.commerce.PurchaseEngagementUser;
import dev.synth.model.session.EventPerPeriodUser;
import dev.synth.model.session.SessionEngagementUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;

/** Loading the shared example and test configurations from {@code src/test/resources/config}. */
final class ConfigFixtures {
    /** The built-in user types, as a simulation finds them. */
    static final List<UserTypeSchema> USER_TYPES = List.of(new SessionEngagementUser.Type(),
            new PurchaseEngagementUser.Type(), new EventPerPeriodUser.Type());
    static final Set<String> SINK_TYPES = Set.of("csv", "memory", "http");

    private ConfigFixtures() {
    }

    static Path path(String fileName) {
        URL url = ConfigFixtures.class.getResource("/config/" + fileName);
        if (url == null) {
            throw new IllegalArgumentException("no test resource config/" + fileName);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SimulationConfig load(String fileName) {
        return SimulationConfig.fromYaml(path(fileName));
    }

    static String text(String fileName) {
        try {
            return Files.readString(path(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of a YAML text that must fail to load. */
    static List<ConfigProblem> problemsOf(String yaml) {
        ConfigException e = Assertions.catchThrowableOfType(ConfigException.class,
                () -> SimulationConfig.fromYaml(yaml, "test.yml"));
        Assertions.assertThat(e).as("loading should fail:\n" + yaml).isNotNull();
        return e.problems();
    }

    /** A minimal valid document with the given extra text appended under {@code users.profiles}. */
    static String withProfiles(String profilesYaml) {
        return """
                users:
                  population:
                    initial_count: 1
                  profiles:
                """ + profilesYaml.indent(4);
    }
}
