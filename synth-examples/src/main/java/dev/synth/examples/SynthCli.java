package dev.synth.examples;

import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.SynthException;
import dev.synth.config.ConfigProblem;
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
 * Exit status: 0 success, 1 failure while running, 2 bad usage or bad configuration.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, version = "synth 0.1.0",
        description = "Simulates synthetic users and writes the events they produce.",
        subcommands = {SynthCli.Run.class, SynthCli.Validate.class, Bench.class, StoreCommands.Migrate.class,
                StoreCommands.Drop.class, StoreCommands.Clear.class})
public final class SynthCli implements Callable<Integer> {
    /** Exit status for a failure while running. */
    static final int FAILURE = 1;
    /** Exit status for bad usage or a bad configuration. */
    static final int USAGE = 2;

    public static void main(String[] args) {
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
            SimulationConfig cfg = StoreCommands.config(config, dbUri);
            if (dbUri == null && outputDir != null) {
                cfg = StoreCommands.dbUriForOutputDir(cfg, outputDir).map(u -> StoreCommands.withDbUri(
                        SimulationConfig.fromYaml(config), u)).orElse(cfg);
            }
            if (outputDir != null) {
                requireWritableDirectory(outputDir);
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
            if (threads != null) {
                builder.threads(threads);
            }
            Simulation simulation = builder.build();
            SimulationResult result = runUntilDoneOrSignalled(simulation);
            spec.commandLine().getOut().println(result.summary());
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
            Simulation.builder().config(cfg).build();
            spec.commandLine().getOut().println(config + ": OK (" + cfg.profiles().size() + " profiles)");
            return 0;
        }
    }

    /**
     * Runs the simulation; Ctrl-C or SIGTERM asks it to stop at the end of the current step, with everything
     * committed, and the JVM exits once it has.
     */
    static SimulationResult runUntilDoneOrSignalled(Simulation simulation) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulation.stop();
            try {
                done.await(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "synth-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return simulation.run();
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
        Path existing = dir.toAbsolutePath();
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !java.nio.file.Files.isDirectory(existing) || !java.nio.file.Files.isWritable(existing)) {
            throw new ConfigException("--output-dir", List.of(new ConfigProblem("--output-dir", dir.toString(),
                    "must be a directory that can be created and written")));
        }
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
