package dev.synth;

import dev.synth.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration is invalid. Carries every problem found, not just the first (DESIGN note 2), each naming
 * the key path, the value and the rule.
 */
public class ConfigException extends SynthException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** Every problem found in {@code source} (a file name, or null for a configuration built in Java). */
    public ConfigException(String source, List<ConfigProblem> problems) {
        super(render(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** A single problem described by {@code message}. */
    public ConfigException(String message) {
        super(message);
        this.problems = List.of();
    }

    /** A single problem described by {@code message}, caused by {@code cause}. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** Every problem found; empty when the exception was raised for a single unstructured reason. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String source, List<ConfigProblem> problems) {
        String header = (source == null ? "invalid configuration" : "invalid configuration " + source) + ": "
                + problems.size() + (problems.size() == 1 ? " problem" : " problems");
        return header + problems.stream().map(p -> "\n  - " + p.message()).collect(Collectors.joining());
    }
}
