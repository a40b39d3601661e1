package dev.synth.persistence.jooq;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a jqwik property when no PostgreSQL server is configured ({@code SYNTH_TEST_POSTGRES_URL}) or
 * reachable. JUnit assumptions inside a property would count as rejected tries and fail it instead.
 */
public final class RequiresPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        String value = Optional.ofNullable(System.getenv(TestDatabases.POSTGRES)).filter(s -> !s.isBlank())
                .orElse(null);
        if (value == null) {
            return SkipResult.skip(TestDatabases.POSTGRES + " is not set: skipping a property that needs PostgreSQL");
        }
        try {
            TestDatabases.require(TestDatabases.POSTGRES);
        } catch (RuntimeException unreachable) {
            return SkipResult.skip(TestDatabases.POSTGRES + " is not reachable: " + unreachable.getMessage());
        }
        return SkipResult.doNotSkip();
    }
}
