package dev.synth.persistence.jooq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.synth.RetryPolicy;
import dev.synth.StateStoreException;
import java.time.Duration;
import java.util.Optional;

/**
 * The database servers tests may use, from environment variables: {@code SYNTH_TEST_POSTGRES_URL} (e.g.
 * {@code postgresql://postgres@127.0.0.1:5432/test}) and {@code SYNTH_TEST_MARIADB_URL} (e.g.
 * {@code mariadb://root@127.0.0.1:3306/test}). A test that needs an unset or unreachable server is skipped;
 * {@code .ci/run} sets both and fails early if a server is down.
 */
final class TestDatabases {
    static final String POSTGRES = "SYNTH_TEST_POSTGRES_URL";
    static final String MARIADB = "SYNTH_TEST_MARIADB_URL";

    private TestDatabases() {
    }

    /** The server's URI; skips the test when it is not configured or not reachable. */
    static DbUri require(String variable) {
        String value = Optional.ofNullable(System.getenv(variable)).filter(s -> !s.isBlank()).orElse(null);
        assumeTrue(value != null, variable + " is not set: skipping a test that needs that database server");
        DbUri uri = DbUri.parse(value, java.nio.file.Path::of);
        try (JooqStateStore probe = builder(uri).retry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)).build()) {
            probe.schemaVersion();
        } catch (StateStoreException e) {
            assumeTrue(false, variable + " = " + uri + " is not reachable (" + e.getMessage() + "): skipping");
        }
        return uri;
    }

    /** A builder for {@code uri} with test-friendly timeouts. */
    static JooqStateStore.Builder builder(DbUri uri) {
        return JooqStateStore.builder().location(uri).connectionTimeout(Duration.ofSeconds(3));
    }
}
