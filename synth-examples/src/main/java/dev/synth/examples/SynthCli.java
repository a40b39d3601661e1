package dev.synth.examples;

import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.SynthException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.PathChecks;
import dev.synth.config.SimulationConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code synth} command line: {@code run}, {@code validate}, {@code bench} and the database maintenance
 * commands {@code migrate}, {@code drop} and {@code clear}.
 * Exit status: 0 success, 1 failure while running, 2 bad usage or bad configuration (also: a stored run
 * started with another configuration), 130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM.
 * Standard output carries only data (what a sink writes there, {@code validate}'s verdict); the summary,
 * progress and logging go to standard error.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, versionProvider = SynthCli.Version.class,
        description = "Simulates synthetic users and writes the events they produce.",
        subcommands = {SynthCli.Run.class, SynthCli.Validate.class, Bench.class, StoreCommands.Migrate.class,
                StoreCommands.Drop.class, StoreCommands.Clear.class})
public final class SynthCli implements Callable<Integer> {
    /** Exit status for a failure while running. */
    static final int FAILURE = 1;
    /** Exit status for bad usage or a bad configuration. */
    static final int USAGE = 2;

    /** {@code --version}: the version of the build, from {@code synth-version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"synth " + version()};
        }
    }

    /** The version this jar was built as, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = SynthCli.class.getResourceAsStream("synth-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read synth-version.properties", e);
        }
        return p.getProperty("version", "unknown");
    }
    /** The PostgreSQL driver logs through java.util.logging (to stderr, URLs included): quiet unless DEBUG. */
    private static final java.util.logging.Logger PGJDBC_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    public static void main(String[] args) {
        if (!"DEBUG".equalsIgnoreCase(System.getenv("SYNTH_LOG_LEVEL"))
                && !"TRACE".equalsIgnoreCase(System.getenv("SYNTH_LOG_LEVEL"))) {
            PGJDBC_LOG.setLevel(java.util.logging.Level.OFF);
        }
        System.exit(execute(args));
    }

    /** Runs the command line with the standard streams and returns its exit status. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit status. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SynthCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("error: " + e.getMessage());
                return USAGE;
            }
            cmd.getErr().println("error: " + e.getMessage());
            if (!(e instanceof SynthException)) {
                e.printStackTrace(cmd.getErr());
            }
            return FAILURE;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs (or resumes) the simulation a configuration file describes.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML configuration file")
        Path config;

        @Option(names = "--seed", description = "master seed (overrides global.seed)")
        Long seed;

        @Option(names = "--end", paramLabel = "TIME",
                description = "simulated end time, 'yyyy-MM-dd HH:mm:ss' or ISO-8601 (overrides global.end_ts)")
        String end;

        @Spec
        CommandSpec spec;

        @Option(names = "--speed-up", paramLabel = "FACTOR",
                description = "in live mode, run simulated time FACTOR times faster than the wall clock (demos)")
        Double speedUp;

        @Option(names = "--output-dir", paramLabel = "DIR",
                description = "write every file output of sink_types here (csv: log_events.csv and catalog_events.csv,"
                        + " jsonl: log_events.jsonl..., parquet: log/ and catalog/) instead of the configured files"
                        + " (sets global.output_dir); unless the configuration names a database, the run's state goes"
                        + " here too (synth.sqlite)")
        Path outputDir;

        @Option(names = "--db-uri", paramLabel = "URI",
                description = "database keeping the run's state (overrides global.db_uri), e.g. sqlite:///synth.sqlite,"
                        + " postgresql://user:password@host:5432/db")
        String dbUri;

        @Option(names = "--fresh",
                description = "start over: delete the stored run of this organisation/project and truncate its"
                        + " output files, then run from global.start_ts")
        boolean fresh;

        @Option(names = "--summary-json", paramLabel = "FILE",
                description = "also write the summary as a JSON object to FILE (for scripts)")
        Path summaryJson;

        @Option(names = "--progress", paramLabel = "MODE",
                description = "bar (a progress bar on standard error), lines (a log line every 10 s) or auto"
                        + " (bar on an interactive terminal, else lines); default auto")
        String progress = "auto";

        @Option(names = "--threads", paramLabel = "T",
                description = "threads simulating the shards (global.shards) at once; the output is the same for"
                        + " every T (default: the number of processors)")
        Integer threads;

        @Override
        public Integer call() {
            if (threads != null && threads < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--threads was " + threads + " but must be >= 1");
            }
            if (speedUp != null && !(speedUp >= 1.0 && speedUp < Double.POSITIVE_INFINITY)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "error: --speed-up was " + speedUp
                        + " but must be a finite number >= 1 (1 is real time, 60 runs a minute of simulated time per"
                        + " second)");
            }
            if (outputDir != null) {
                requireWritableDirectory(outputDir);
            }
            SimulationConfig cfg = StoreCommands.config(config, dbUri);
            if (dbUri == null && outputDir != null) {
                cfg = StoreCommands.dbUriForOutputDir(cfg, outputDir).map(u -> StoreCommands.withDbUri(
                        SimulationConfig.fromYaml(config), u)).orElse(cfg);
            }
            if (outputDir != null) {
                if (cfg.global().sinkTypes().isEmpty()) {
                    throw new ConfigException("--output-dir", List.of(new ConfigProblem("global.sink_types", "[]",
                            "must name the outputs to write under --output-dir, e.g. [csv] or [csv, jsonl, parquet]")));
                }
                cfg = cfg.toBuilder().global(cfg.global().toBuilder()
                        .outputDir(outputDir.toAbsolutePath().normalize().toString()).build()).build();
            }
            Simulation.Builder builder = Simulation.builder().config(cfg);
            if (seed != null) {
                builder.seed(seed);
            }
            if (end != null) {
                builder.end(parseTime(end));
            }

            if (speedUp != null) {
                builder.speedUp(speedUp);
            }
            if (fresh) {
                builder.fresh();
            }
            boolean bar = switch (progress) {
                case "bar" -> true;
                case "lines" -> false;
                case "auto" -> System.console() != null;
                default -> throw new ConfigException("--progress", List.of(new ConfigProblem("--progress", progress,
                        "must be bar, lines or auto")));
            };
            if (bar) {
                builder.addListener(new ProgressBar(spec.commandLine().getErr(), cfg, end == null ? null
                        : parseTime(end)));
            }
            if (threads != null) {
                builder.threads(threads);
            }
            Simulation simulation = builder.build();
            Runnable restoreLogging = bar ? ProgressBar.quietEngineLines() : () -> {
            };
            try {
                runUntilDoneOrSignalled(simulation, result -> {
                    restoreLogging.run();
                    // stdout carries only data: the summary goes to stderr
                    spec.commandLine().getErr().println(result.summary());
                    spec.commandLine().getErr().flush();
                    if (summaryJson != null) {
                        Summaries.writeJson(result, summaryJson);
                    }
                });
            } finally {
                restoreLogging.run();
            }
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks a configuration file and reports every problem.")
    static final class Validate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML configuration file")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SimulationConfig cfg = SimulationConfig.fromYaml(config);
            Simulation simulation = Simulation.builder().config(cfg).build();
            for (String warning : simulation.warnings()) {
                spec.commandLine().getErr().println("warning: " + warning);
            }
            spec.commandLine().getOut().println(config + ": OK (" + cfg.profiles().size() + " profiles)");
            return 0;
        }
    }

    /** How long a stop request (Ctrl-C, SIGTERM) waits for the current step to be committed. */
    static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(12);

    /**
     * Runs the simulation and hands the result to {@code report}; Ctrl-C or SIGTERM asks it to stop at the end
     * of the current step, with everything committed, and the JVM exits once the result is reported. If the step
     * cannot be committed within {@link #STOP_GRACE} (a database outage), the JVM exits without it, saying so:
     * the state stays at the last committed step and the next run redoes the rest (D8).
     */
    static SimulationResult runUntilDoneOrSignalled(Simulation simulation,
            java.util.function.Consumer<SimulationResult> report) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulation.stop();
            try {
                if (!done.await(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    System.err.println("synth: stop requested, but the current step was not committed within "
                            + STOP_GRACE.toSeconds() + " s (is the database reachable?); exiting without it - the"
                            + " stored state stays at the last committed step and the next run continues from there");
                    System.err.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "synth-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SimulationResult result = simulation.run();
            report.accept(result);
            return result;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has what it waited for
            }
        }
    }

    /** Refuses, as a usage error, an output directory that cannot be created or written. */
    static void requireWritableDirectory(Path dir) {
        PathChecks.writableFolderProblem(dir).ifPresent(problem -> {
            throw new ConfigException("--output-dir", List.of(new ConfigProblem("--output-dir", dir.toString(),
                    "must be a directory that can be created and written, but it " + problem)));
        });
    }

    static Instant parseTime(String text) {
        try {
            if (text.contains("T")) {
                return Instant.parse(text);
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ConfigException("--end", List.of(new ConfigProblem("--end", text,
                    "must be a time like '2020-01-15 00:00:00' or '2020-01-15T00:00:00Z'")));
        }
    }
}
