package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.synth.RetryPolicy;
import dev.synth.StateStoreException;
import dev.synth.persistence.jooq.DbUri;
import dev.synth.persistence.jooq.JooqStateStore;
import dev.synth.spi.RunKey;
import dev.synth.spi.StepCommit;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 9: a database that stops answering (a TCP proxy that holds every byte) fails a step within its
 * documented budget, a SIGTERM during the outage ends the process within about 15 s with a message, and the run
 * resumed afterwards is byte-identical to an unbroken one.
 */
class DatabaseStallTest {
    @TempDir
    Path dir;

    /** The server's db_uri from the environment, with host and port replaced by the proxy's. */
    static String viaProxy(String variable, StallingProxy proxy) {
        URI server = URI.create(server(variable));
        return server.getScheme() + "://" + (server.getRawUserInfo() == null ? "" : server.getRawUserInfo() + "@")
                + "127.0.0.1:" + proxy.port() + server.getRawPath();
    }

    static String server(String variable) {
        String value = Optional.ofNullable(System.getenv(variable)).filter(s -> !s.isBlank()).orElse(null);
        assumeTrue(value != null, variable + " is not set: skipping a test that needs that database server");
        return value;
    }

    static StallingProxy proxyTo(String variable) throws IOException {
        URI server = URI.create(server(variable));
        return new StallingProxy(server.getHost(), server.getPort());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"SYNTH_TEST_POSTGRES_URL", "SYNTH_TEST_MARIADB_URL"})
    @DisplayName("with the database stalled, a commit fails within budget + socket timeout + connect timeout")
    void commitFailsWithinBudget(String variable) throws IOException {
        try (StallingProxy proxy = proxyTo(variable)) {
            RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(4));
            Duration socket = Duration.ofSeconds(2);
            Duration connect = Duration.ofSeconds(1);
            RunKey run = new RunKey("hard", "stall-budget");
            try (JooqStateStore store = JooqStateStore.builder()
                    .location(DbUri.parse(viaProxy(variable, proxy), Path::of))
                    .retry(policy).socketTimeout(socket).connectionTimeout(connect).build()) {
                store.clear(run);
                store.commit(run, new StepCommit(5, 3_600_000_000L, "{}", Map.of(), List.of(), List.of()));
                proxy.stall();
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.commit(run, new StepCommit(5, 7_200_000_000L, "{}", Map.of(),
                        List.of(), List.of())))
                        .isInstanceOf(StateStoreException.class)
                        .hasMessageContaining("cannot commit run")
                        .hasMessageContaining("retried for up to 4 s");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as("budget 4 s + one attempt (socket 2 s, connect 1 s) + 2 s slack")
                        .isLessThan(policy.budget().plus(socket).plus(connect).plus(Duration.ofSeconds(2)));
                proxy.resume();
            }
            try (JooqStateStore store = JooqStateStore.builder()
                    .location(DbUri.parse(server(variable), Path::of)).build()) {
                assertThat(store.load(run).orElseThrow().clockMicros()).as("the last committed step is intact")
                        .isEqualTo(3_600_000_000L);
                store.clear(run);
            }
        }
    }

    private Path config(String name, String dbUri) throws IOException {
        return Files.writeString(dir.resolve(name + ".yml"), HardeningTest.GOOD
                .replace("project: \"case\"", "project: \"stall\"")
                .replace("seed: 7", "seed: 7\n  db_uri: \"" + dbUri + "\"")
                .replace("out/", name + "/")
                .replace("end_ts: \"2020-01-01 06:00:00\"", "end_ts: \"2020-02-01 00:00:00\"")
                .replace("initial_count: 3", "initial_count: 40"));
    }

    private static Process child(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SynthCli.class.getName(), "run", config.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    @Test
    @DisplayName("SIGTERM while PostgreSQL is stalled exits within 15 s with a message; the resumed run is byte-identical")
    void sigtermDuringOutage() throws Exception {
        String db = server("SYNTH_TEST_POSTGRES_URL");
        // the same run (organisation, project, seed) in another store: outputs do not depend on the store
        Path reference = config("reference", "sqlite:///reference.sqlite");
        try (StallingProxy proxy = proxyTo("SYNTH_TEST_POSTGRES_URL")) {
            Path broken = config("broken", viaProxy("SYNTH_TEST_POSTGRES_URL", proxy));
            assertThat(HardeningTest.cli("clear", broken.toString(), "--yes").status()).isZero();
            assertThat(HardeningTest.cli("clear", reference.toString(), "--yes").status()).isZero();
            Path childLog = dir.resolve("child.log");
            Process process = child(broken, childLog);
            Path csv = dir.resolve("broken/log.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((!Files.exists(csv) || Files.size(csv) < 20_000) && process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(process.isAlive()).as("still running when the database stalls: "
                    + Files.readString(childLog)).isTrue();
            proxy.stall();
            Thread.sleep(1500);
            long sent = System.nanoTime();
            process.destroy(); // SIGTERM
            boolean exited = process.waitFor(20, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            String output = Files.readString(childLog, StandardCharsets.UTF_8);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as(output).isTrue();
            assertThat(took).as("exit after SIGTERM").isLessThan(Duration.ofSeconds(15));
            assertThat(output).contains("stop requested").doesNotContain("\tat ");
            proxy.resume();
        }
        Path resumed = dir.resolve("broken.yml");
        Files.writeString(resumed, Files.readString(resumed).replaceAll("127\\.0\\.0\\.1:[0-9]+/",
                URI.create(db).getHost() + ":" + URI.create(db).getPort() + "/"));
        HardeningTest.Result r = HardeningTest.cli("run", resumed.toString());
        assertThat(r.status()).as(r.err()).isZero();
        HardeningTest.Result unbroken = HardeningTest.cli("run", reference.toString());
        assertThat(unbroken.status()).as(unbroken.err()).isZero();
        for (String file : new String[] {"log.csv", "catalog.csv"}) {
            assertThat(Files.mismatch(dir.resolve("broken").resolve(file), dir.resolve("reference").resolve(file)))
                    .as(file + " byte-identical to an unbroken run").isEqualTo(-1L);
        }
        List<String> cleanup = new ArrayList<>();
        for (Path c : List.of(resumed, reference)) {
            cleanup.add(String.valueOf(HardeningTest.cli("clear", c.toString(), "--yes").status()));
        }
        assertThat(cleanup).containsOnly("0");
    }
}
