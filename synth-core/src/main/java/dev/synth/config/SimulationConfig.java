package dev.synth.config;

import dev.synth.ConfigException;
import dev.synth.event.CatalogType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The complete, immutable configuration of a simulation: what a YAML file (reference 2.1) describes, or what a host
 * application builds with {@link #builder()}.
 *
 * <h2>YAML layout</h2>
 * <pre>
 * global:     {...}          # optional; GlobalConfig keys, missing keys keep their defaults
 * users:
 *   population: {...}        # required; PopulationConfig keys
 *   profiles:                # required
 *     default: {...}         # optional base that every other profile inherits
 *     &lt;name&gt;: {...}         # ProfileConfig keys
 * catalogs:                  # optional
 *   default: {...}           # applied to every catalog type
 *   &lt;catalog type&gt;: {...}
 * </pre>
 * Other top-level sections are ignored. Keys are {@code snake_case}; record components are their
 * {@code camelCase} form (except {@code notify}, which is {@link GlobalConfig#notifyEnabled()}).
 *
 * <h2>Inheritance</h2>
 * Every profile is the {@code default} profile with its own keys merged on top; a profile with an empty body is
 * an exact copy of {@code default}, which is not a profile itself. Nested sections ({@code session_engagement},
 * {@code purchase_engagement}, {@code nudges}, {@code nudges.engagement_effect}, {@code behaviour},
 * {@code behaviour.purchase}, {@code behaviour.schedule}) merge field by field and {@code event_probabilities} key
 * by key, while {@code nudges.response_probabilities} and {@code behaviour.purchase.catalog_type_probabilities}
 * replace the inherited map as a whole. In a profile's {@code events} block an entry named {@code default} is merged
 * into every event type listed in that block; the event configurations then merge into the inherited ones, their
 * {@code properties} key by key (recursively). Catalogs work the same way: {@code catalogs.default} is applied to
 * every catalog type, then each type's own entry is merged on top.
 *
 * <h2>Validation</h2>
 * {@link #fromYaml(Path)} reports every problem of a file at once in one {@link ConfigException}: unknown keys,
 * wrong types, and everything {@link #validate()} finds. Records built in Java are checked only for nulls when
 * constructed; call {@link #validate()} (or {@link #requireValid()}) to apply the same rules.
 * {@link #validateForRun(Collection, Set)} adds the checks that need to know which user and sink types exist.
 *
 * @param global     settings of the whole simulation
 * @param population size and dynamics of the population
 * @param profiles   the usable profiles by name, sorted by name ({@code default} is not one of them)
 * @param catalogs   the settings of every catalog type; a type not given gets {@link CatalogConfig#defaults()}
 * @param sourceFile the YAML file this configuration was loaded from, if any; relative paths such as
 *                   {@link GlobalConfig#catalogDirectory()} are resolved against its folder
 */
public record SimulationConfig(
        GlobalConfig global,
        PopulationConfig population,
        Map<String, ProfileConfig> profiles,
        Map<CatalogType, CatalogConfig> catalogs,
        Optional<Path> sourceFile) {

    /** The largest configuration read, in bytes (1 MiB): far more than any real one, far less than a mistake. */
    public static final int MAX_YAML_BYTES = 1 << 20;

    /** The name of the profile (and catalog entry) that the others inherit from. */
    public static final String DEFAULT_NAME = "default";

    public SimulationConfig {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(population, "population");
        profiles = sortedCopy(profiles);
        catalogs = completeCopy(catalogs);
        Objects.requireNonNull(sourceFile, "sourceFile");
    }

    /** A configuration that was not loaded from a file. */
    public SimulationConfig(GlobalConfig global, PopulationConfig population, Map<String, ProfileConfig> profiles,
            Map<CatalogType, CatalogConfig> catalogs) {
        this(global, population, profiles, catalogs, Optional.empty());
    }

    private static Map<String, ProfileConfig> sortedCopy(Map<String, ProfileConfig> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        SortedMap<String, ProfileConfig> copy = new TreeMap<>();
        profiles.forEach((name, profile) -> copy.put(Objects.requireNonNull(name, "profile name"),
                Objects.requireNonNull(profile, () -> "profiles." + name)));
        return Collections.unmodifiableSortedMap(copy);
    }

    private static Map<CatalogType, CatalogConfig> completeCopy(Map<CatalogType, CatalogConfig> catalogs) {
        Objects.requireNonNull(catalogs, "catalogs");
        Map<CatalogType, CatalogConfig> copy = new EnumMap<>(CatalogType.class);
        catalogs.forEach((type, c) -> copy.put(Objects.requireNonNull(type, "catalog type"),
                Objects.requireNonNull(c, () -> "catalogs." + type)));
        for (CatalogType type : CatalogType.values()) {
            copy.putIfAbsent(type, CatalogConfig.defaults());
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Loads a YAML configuration file (UTF-8).
     *
     * @throws ConfigException naming the file when it cannot be read, or listing every problem of its content
     */
    public static SimulationConfig fromYaml(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException("configuration file " + file + " is a directory, not a YAML file");
            }
            long size = Files.size(file);
            if (size > MAX_YAML_BYTES) {
                throw new ConfigException("configuration file " + file + " has " + size + " bytes; a configuration"
                        + " is at most " + MAX_YAML_BYTES + " bytes (is it the right file?)");
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    throw new ConfigException("configuration file " + file + " is not a text file (a zero byte at"
                            + " offset " + i + ")");
                }
            }
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ConfigException("configuration file " + file + " is not UTF-8 text (save it as UTF-8;"
                        + " Latin-1 and other encodings are not read)");
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return YamlConfigLoader.load(text, file.toString(), file);
    }

    /**
     * Parses a YAML configuration held in memory.
     *
     * @param yamlText   the YAML document
     * @param sourceName where the text comes from, used in messages (e.g. a file or resource name)
     * @throws ConfigException listing every problem of the document
     */
    public static SimulationConfig fromYaml(String yamlText, String sourceName) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(sourceName, "sourceName");
        if (yamlText.length() > MAX_YAML_BYTES) {
            throw new ConfigException(sourceName + " has " + yamlText.length() + " characters; a configuration is at"
                    + " most " + MAX_YAML_BYTES);
        }
        return YamlConfigLoader.load(yamlText, sourceName, null);
    }

    /** A builder starting from the defaults, without profiles. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Every structural and range problem of this configuration (rules in the package documentation), in a stable
     * order; empty when it is valid. YAML-specific problems (unknown keys, wrong types) cannot occur in records
     * and are reported by {@link #fromYaml(Path)} instead.
     */
    public List<ConfigProblem> validate() {
        return ConfigValidator.validate(this);
    }

    /**
     * The checks made when a simulation is built (D27), beyond {@link #validate()}: every profile's
     * {@code user_type} and every sink name must be known; each profile must fit what its user type declares
     * ({@link UserTypeSchema}: event types, its own settings, its own rules); a profile that can be chosen
     * ({@code occurrence_probability > 0}) and whose users pick event types must have
     * {@code event_probabilities}; and when users are to be created at least one profile must be choosable.
     *
     * @param userTypes      the user types available to the simulation
     * @param knownSinkTypes names of the sink types available to the simulation
     * @return the problems found; empty when the configuration can run
     */
    public List<ConfigProblem> validateForRun(Collection<? extends UserTypeSchema> userTypes,
            Set<String> knownSinkTypes) {
        return ConfigValidator.validateForRun(this, userTypes, knownSinkTypes);
    }

    /**
     * This configuration with each profile's {@link ProfileConfig#settings() settings} completed by the
     * defaults its user type declares (profiles of other types are kept as they are).
     */
    public SimulationConfig withSettingDefaults(Collection<? extends UserTypeSchema> userTypes) {
        Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
        for (UserTypeSchema schema : userTypes) {
            defaults.putIfAbsent(schema.type(), schema.settings());
        }
        Builder b = toBuilder();
        for (ProfileConfig p : profiles.values()) {
            Map<String, Object> declared = defaults.getOrDefault(p.userType(), Map.of());
            if (!declared.isEmpty()) {
                b.addProfile(p.toBuilder().settings(p.settings().withDefaults(declared)).build());
            }
        }
        return b.build();
    }

    /**
     * This configuration, after checking it with {@link #validate()}.
     *
     * @throws ConfigException listing every problem
     */
    public SimulationConfig requireValid() {
        List<ConfigProblem> problems = validate();
        if (!problems.isEmpty()) {
            throw new ConfigException(sourceFile.map(Path::toString).orElse(null), problems);
        }
        return this;
    }

    /** The named profile, if it exists. */
    public Optional<ProfileConfig> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The settings of a catalog type (always present). */
    public CatalogConfig catalog(CatalogType type) {
        return catalogs.get(Objects.requireNonNull(type, "type"));
    }

    /**
     * The folder against which relative paths of this configuration are resolved: the YAML file's folder, or the
     * working directory (the empty path) when the configuration was not loaded from a file.
     */
    public Path baseDirectory() {
        return sourceFile.map(Path::getParent).orElse(Path.of(""));
    }

    /** Resolves a path written in this configuration: absolute paths stay, relative ones start at
     * {@link #baseDirectory()}. */
    public Path resolve(String path) {
        return baseDirectory().resolve(Path.of(path));
    }

    /** {@link GlobalConfig#catalogDirectory()} resolved with {@link #resolve(String)}. */
    public Path catalogDirectory() {
        return resolve(global.catalogDirectory());
    }

    /** Builds a {@link SimulationConfig}; not thread-safe. {@link #build()} does not validate. */
    public static final class Builder {
        private GlobalConfig global = GlobalConfig.defaults();
        private PopulationConfig population = PopulationConfig.defaults();
        private final Map<String, ProfileConfig> profiles = new LinkedHashMap<>();
        private final Map<CatalogType, CatalogConfig> catalogs = new EnumMap<>(CatalogType.class);
        private Path sourceFile;

        private Builder() {
        }

        private Builder(SimulationConfig c) {
            global = c.global;
            population = c.population;
            profiles.putAll(c.profiles);
            catalogs.putAll(c.catalogs);
            sourceFile = c.sourceFile.orElse(null);
        }

        public Builder global(GlobalConfig value) {
            global = Objects.requireNonNull(value, "global");
            return this;
        }

        /** Changes the current global settings. */
        public Builder global(UnaryOperator<GlobalConfig.Builder> change) {
            return global(change.apply(global.toBuilder()).build());
        }

        public Builder population(PopulationConfig value) {
            population = Objects.requireNonNull(value, "population");
            return this;
        }

        /** Changes the current population settings. */
        public Builder population(UnaryOperator<PopulationConfig.Builder> change) {
            return population(change.apply(population.toBuilder()).build());
        }

        /** Adds a profile under its {@link ProfileConfig#name()}, replacing one of the same name. */
        public Builder addProfile(ProfileConfig profile) {
            Objects.requireNonNull(profile, "profile");
            profiles.put(profile.name(), profile);
            return this;
        }

        /** Replaces all profiles. */
        public Builder profiles(Iterable<ProfileConfig> values) {
            profiles.clear();
            values.forEach(this::addProfile);
            return this;
        }

        public Builder removeProfile(String name) {
            profiles.remove(name);
            return this;
        }

        /** Sets the configuration of one catalog type; types never set keep {@link CatalogConfig#defaults()}. */
        public Builder catalog(CatalogType type, CatalogConfig value) {
            catalogs.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets every catalog type to the same configuration (like {@code catalogs.default}). */
        public Builder allCatalogs(CatalogConfig value) {
            for (CatalogType type : CatalogType.values()) {
                catalog(type, value);
            }
            return this;
        }

        /** The file relative paths are resolved against; {@code null} for none. */
        public Builder sourceFile(Path value) {
            sourceFile = value;
            return this;
        }

        /** Builds the configuration without validating it; see {@link SimulationConfig#validate()}. */
        public SimulationConfig build() {
            return new SimulationConfig(global, population, profiles, catalogs, Optional.ofNullable(sourceFile));
        }
    }
}
