package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 2: a database password with {@code /}, {@code @}, {@code :} and {@code %} never appears in the
 * standard output, standard error or logs (which go to standard error) of validate, migrate, run, clear and
 * drop - for connections that work and connections that fail. Each command runs in its own JVM, so the drivers'
 * and the pool's own logging is caught too.
 */
class SecretsTest {
    /** Raw in the URI: the user info ends at the last @, and %zq is no escape. */
    static final String PASSWORD = "Pw/x@y:z%zq";
    /** Fragments a partial leak would show. */
    static final List<String> FRAGMENTS = List.of(PASSWORD, "Pw/x", "y:z%zq", "z%zq",
            URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    record Output(int status, String text) {
    }

    static String server(String variable) {
        String value = Optional.ofNullable(System.getenv(variable)).filter(s -> !s.isBlank()).orElse(null);
        assumeTrue(value != null, variable + " is not set: skipping a test that needs that database server");
        return value;
    }

    /** The server's URI with {@code user:PASSWORD} as its user info. */
    static String withCredentials(String serverUri, String user) {
        URI u = URI.create(serverUri);
        return u.getScheme() + "://" + user + ":" + PASSWORD + "@" + u.getHost() + ":" + u.getPort() + u.getRawPath();
    }

    private Output synth(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SynthCli.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "child", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SYNTH_LOG_LEVEL", "INFO");
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("synth " + String.join(" ", args)).isTrue();
        return new Output(p.exitValue(), Files.readString(log));
    }

    private void neverShown(Output output, String what) {
        for (String fragment : FRAGMENTS) {
            assertThat(output.text()).as(what + " must not show the password:\n" + output.text())
                    .doesNotContain(fragment);
        }
    }

    private Path config(String dbUri) throws IOException {
        return Files.writeString(dir.resolve("secret.yml"), HardeningTest.GOOD
                .replace("project: \"case\"", "project: \"secrets\"")
                .replace("seed: 7", "seed: 7\n  db_uri: \"" + dbUri + "\""));
    }

    /**
     * validate, migrate, run, run --db-uri, clear and drop with {@code dbUri}; each exits {@code expected}, none
     * shows the password. Ends with the run cleared and the tables dropped.
     */
    private void everyCommand(String dbUri, int expected) throws Exception {
        Path config = config(dbUri);
        neverShown(synth("validate", config.toString()), "validate");
        if (expected == 0) {
            // a run left behind by an interrupted earlier test would resume without its files
            Output clear = synth("clear", config.toString(), "--yes");
            assertThat(clear.status()).as(clear.text()).isZero();
            neverShown(clear, "clear");
        }
        for (String command : new String[] {"migrate", "run", "run --db-uri", "clear", "drop"}) {
            Output out = command.equals("run --db-uri")
                    ? synth("run", config.toString(), "--db-uri", dbUri, "--end", "2020-01-01 08:00:00")
                    : command.equals("clear") || command.equals("drop") ? synth(command, config.toString(), "--yes")
                    : synth(command, config.toString());
            assertThat(out.status()).as(command + ":\n" + out.text()).isEqualTo(expected);
            neverShown(out, command);
            if (expected != 0) {
                assertThat(out.text()).as(command).contains("error:").doesNotContain("\tat ");
            }
        }
    }

    @Test
    @DisplayName("PostgreSQL, connection works (trust): the password shows nowhere")
    void postgresWorks() throws Exception {
        everyCommand(withCredentials(server("SYNTH_TEST_POSTGRES_URL"), "postgres"), 0);
    }

    @Test
    @DisplayName("PostgreSQL, connection refused (no such role): exit 1, the password shows nowhere")
    void postgresFails() throws Exception {
        everyCommand(withCredentials(server("SYNTH_TEST_POSTGRES_URL"), "no_such_role"), 1);
    }

    @Test
    @DisplayName("MariaDB, wrong password: exit 1, the password shows nowhere")
    void mariadbFails() throws Exception {
        everyCommand(withCredentials(server("SYNTH_TEST_MARIADB_URL"), "root"), 1);
    }

    @Test
    @DisplayName("MariaDB, a user whose password has / @ : %: works, and the password shows nowhere")
    void mariadbWorks() throws Exception {
        URI root = URI.create(server("SYNTH_TEST_MARIADB_URL"));
        String database = root.getPath().substring(1);
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + root.getHost() + ":" + root.getPort()
                + "/" + database, root.getUserInfo(), "");
                Statement s = c.createStatement()) {
            for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
                s.execute("CREATE USER IF NOT EXISTS 'synth_secret'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                s.execute("ALTER USER 'synth_secret'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                s.execute("GRANT ALL ON `" + database + "`.* TO 'synth_secret'@'" + host + "'");
            }
        }
        everyCommand(withCredentials(root.toString(), "synth_secret"), 0);
    }
}
