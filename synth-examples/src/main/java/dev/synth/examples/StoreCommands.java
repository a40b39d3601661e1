package dev.synth.examples;

import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.persistence.jooq.DbUri;
import dev.synth.persistence.jooq.JooqStateStore;
import dev.synth.persistence.jooq.JooqStateStoreProvider;
import dev.synth.spi.RunKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The maintenance commands of the reference's scripts ({@code apply_migrations.sh}, {@code drop_tables.py},
 * {@code clear_data.py}) on the database a configuration's {@code global.db_uri} names.
 */
final class StoreCommands {
    private StoreCommands() {
    }

    /** The configuration, with {@code global.db_uri} replaced when {@code dbUri} is given. */
    static SimulationConfig config(Path file, String dbUri) {
        SimulationConfig cfg = SimulationConfig.fromYaml(file);
        return dbUri == null ? cfg : withDbUri(cfg, dbUri);
    }

    static SimulationConfig withDbUri(SimulationConfig cfg, String dbUri) {
        return cfg.toBuilder().global(cfg.global().toBuilder().dbUri(dbUri).build()).build();
    }

    /**
     * The {@code db_uri} of a run writing CSV files to {@code outputDir}: the output and the state that records
     * its committed positions belong together, so when the configuration keeps the default database, the
     * database goes into the output directory.
     */
    static Optional<String> dbUriForOutputDir(SimulationConfig cfg, Path outputDir) {
        if (!GlobalConfig.DEFAULT_DB_URI.equals(cfg.global().dbUri())) {
            return Optional.empty();
        }
        return Optional.of("sqlite:///" + outputDir.toAbsolutePath().normalize().resolve("synth.sqlite"));
    }

    /**
     * Asks before a command deletes data: passes with {@code --yes}; on an interactive terminal asks for
     * "yes"; otherwise (a script, a pipe) refuses as a usage error naming {@code --yes}.
     */
    static void confirm(boolean yes, String what) {
        if (yes) {
            return;
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new ConfigException(what + ": not confirmed. Add --yes to confirm (standard input is not a"
                    + " terminal, so synth cannot ask)");
        }
        String answer = console.readLine("%s. Type yes to go on: ", what);
        if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
            throw new ConfigException(what + ": not confirmed; nothing was changed");
        }
    }

    static JooqStateStore open(SimulationConfig cfg, boolean migrate) {
        String uri = cfg.global().dbUri();
        if (Simulation.IN_MEMORY_URI.equals(uri)) {
            throw new ConfigException("global.db_uri is " + uri + ", the in-memory store: there is no database to"
                    + " maintain");
        }
        JooqStateStoreProvider provider = new JooqStateStoreProvider();
        if (!provider.supports(uri)) {
            throw new ConfigException("global.db_uri '" + dev.synth.Secrets.maskUrl(uri) + "' is not a database synth can use");
        }
        java.util.Optional<Path> configFile = cfg.sourceFile().map(p -> p.toAbsolutePath().normalize());
        for (Path file : provider.files(uri, cfg)) {
            if (configFile.isPresent() && file.toAbsolutePath().normalize().equals(configFile.get())) {
                throw new ConfigException(configFile.get().toString(), List.of(new dev.synth.config.ConfigProblem(
                        "global.db_uri", uri, "must not be the configuration file itself")));
            }
        }
        if (migrate) {
            return provider.open(uri, cfg);
        }
        return JooqStateStore.builder().location(DbUri.parse(uri, cfg::resolve)).migrate(false).build();
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Creates or upgrades synth's tables in the configuration's database (run does it too).")
    static final class Migrate implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML configuration file")
        Path config;

        @Option(names = "--db-uri", paramLabel = "URI", description = "database (overrides global.db_uri)")
        String dbUri;

        @Override
        public Integer call() {
            try (JooqStateStore store = open(config(config, dbUri), true)) {
                spec.commandLine().getOut().println(store.location() + ": synth schema at version " + store.schemaVersion());
            }
            return 0;
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = "Drops synth's tables and schema history, with every run in them.")
    static final class Drop implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML configuration file")
        Path config;

        @Option(names = "--db-uri", paramLabel = "URI", description = "database (overrides global.db_uri)")
        String dbUri;

        @Option(names = "--yes", description = "do not ask for confirmation (required when not on a terminal)")
        boolean yes;

        @Override
        public Integer call() {
            SimulationConfig cfg = config(config, dbUri);
            confirm(yes, "drop deletes synth's tables with every run in " + DbUri.redact(cfg.global().dbUri()));
            try (JooqStateStore store = open(cfg, false)) {
                store.dropTables();
                spec.commandLine().getOut().println(store.location() + ": synth tables dropped");
            }
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Deletes this run's (organisation, project) rows and its CSV output files.")
    static final class Clear implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML configuration file")
        Path config;

        @Option(names = "--db-uri", paramLabel = "URI", description = "database (overrides global.db_uri)")
        String dbUri;

        @Option(names = "--output-dir", paramLabel = "DIR",
                description = "the run wrote log_events.csv and catalog_events.csv here (as with run --output-dir)")
        Path outputDir;

        @Option(names = "--yes", description = "do not ask for confirmation (required when not on a terminal)")
        boolean yes;

        @Override
        public Integer call() {
            SimulationConfig cfg = config(config, dbUri);
            if (dbUri == null && outputDir != null) {
                cfg = dbUriForOutputDir(cfg, outputDir).map(uri -> withDbUri(config(config, null), uri)).orElse(cfg);
            }
            RunKey run = new RunKey(cfg.global().organisation(), cfg.global().project());
            // the whole run's checks first: clear deletes the outputs, which must not be the config or the database
            Simulation.Builder check = Simulation.builder().config(cfg);
            if (outputDir != null) {
                check.addSink(CsvEventSink.to(outputDir));
            }
            check.build();
            confirm(yes, "clear deletes the stored run " + run + " and its output files");
            try (JooqStateStore store = open(cfg, true)) {
                store.clear(run);
                spec.commandLine().getOut().println(store.location() + ": run " + run + " cleared");
            }
            List<Path> files = new ArrayList<>();
            if (outputDir != null) {
                files.add(outputDir.resolve(CsvEventSink.LOG_FILE_NAME));
                files.add(outputDir.resolve(CsvEventSink.CATALOG_FILE_NAME));
            } else {
                cfg.global().logEventsFilename().filter(s -> !s.isBlank()).map(cfg::resolve).ifPresent(files::add);
                cfg.global().catalogEventsFilename().filter(s -> !s.isBlank()).map(cfg::resolve).ifPresent(files::add);
            }
            for (Path file : files) {
                try {
                    if (Files.deleteIfExists(file)) {
                        spec.commandLine().getOut().println("deleted " + file);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + file, e);
                }
            }
            return 0;
        }
    }
}
