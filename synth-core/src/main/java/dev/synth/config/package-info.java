/**
 * Configuration of a simulation: immutable records read from YAML or built in Java.
 *
 * <p>Entry point: {@link dev.synth.config.SimulationConfig#fromYaml(java.nio.file.Path)} or
 * {@link dev.synth.config.SimulationConfig#builder()}. The records mirror the YAML sections: {@code global} is
 * {@link dev.synth.config.GlobalConfig}, {@code users.population} is {@link dev.synth.config.PopulationConfig},
 * {@code users.profiles.<name>} is {@link dev.synth.config.ProfileConfig} (with
 * {@link dev.synth.config.EngagementConfig}, {@link dev.synth.config.NudgeConfig},
 * {@link dev.synth.config.EventConfig}, {@link dev.synth.config.BehaviourConfig},
 * {@link dev.synth.config.ScheduleConfig}, {@link dev.synth.config.PurchaseBehaviourConfig}) and
 * {@code catalogs.<type>} is {@link dev.synth.config.CatalogConfig}. Record components are the {@code camelCase}
 * form of the YAML {@code snake_case} keys; each component's Javadoc states its default. Inheritance between
 * profiles and between catalog entries is described on {@link dev.synth.config.SimulationConfig}.
 *
 * <h2>Reading YAML</h2>
 * <ul>
 *   <li>Every problem of a file is reported at once, in document order, in one {@link dev.synth.ConfigException};
 *       each {@link dev.synth.config.ConfigProblem} names the full key path, the value as written and the rule.
 *       A problem in a value that every profile (or every catalog type) inherits from {@code default} is reported
 *       once, at the {@code default} path.</li>
 *   <li>An unknown key is an error naming the key and its section (D27). Accepted although they have no effect:
 *       {@code users.max_session_length_minutes} and {@code global.env} (one WARN line per load), and
 *       {@code session_event_type_changes_min/_max} (validated only). {@code events.<type>.properties} and
 *       {@code catalogs.<type>.properties} are free-form mappings. Unknown top-level sections are ignored.</li>
 *   <li>Whole numbers are accepted wherever numbers are expected; a whole-valued decimal such as {@code 2.0} is
 *       accepted where a whole number is expected. Strings must be strings: {@code api_key: 42} is refused (quote
 *       it). A null (empty) section means "nothing set"; a profile with an empty body copies {@code default}.</li>
 *   <li>{@code start_ts} / {@code end_ts} are {@code YYYY-MM-DD HH:MM:SS} in UTC (D3); ISO-8601 with {@code T},
 *       fractional seconds and an offset ({@code Z}, {@code +02:00}) are accepted too. {@code end_ts: null} means
 *       run forever.</li>
 *   <li>A key written twice in one mapping is an error, and so are YAML anchors and aliases (the parser's tree
 *       model would read an alias as the anchor's name); the {@code default} entries are the way to share
 *       settings.</li>
 * </ul>
 *
 * <h2>Rules checked by {@link dev.synth.config.SimulationConfig#validate()} (YAML and Java alike)</h2>
 * <ul>
 *   <li>Reference 2.12: population counts {@code >= 0}, {@code volatility} in [0, 1]; per profile
 *       {@code session_min_count >= 1}, {@code session_min_count * session_length_min_seconds > 0},
 *       {@code session_max_count * session_length_max_seconds <= 43200}, {@code session_event_type_changes_min
 *       >= 0}, and {@code occurrence_probability}, {@code online_probability} and the two engagement factors in
 *       [0, 1].</li>
 *   <li>Every probability-like value in [0, 1]: {@code rating_probability}, {@code resurrection_probability},
 *       {@code inactive_nudge_check_ratio_per_hour}, {@code background_per_minute_probability}, the engagement
 *       {@code initial_*}, {@code change/boost/decay_probability}, {@code normal_event_probability}, every
 *       purchase probability and fraction ({@code interest_*}), each weekday value, and any {@code *_probability}
 *       or {@code difficulty_*} property of an event or catalog.</li>
 *   <li>Every {@code *_min <= *_max} pair (inclusive ranges, D12): session counts, lengths and event type changes,
 *       engagement {@code initial_} and {@code change_}, nudge checks per day, every purchase pair, and free-form
 *       property pairs found by their {@code min}/{@code max} word ({@code length_min_seconds} /
 *       {@code length_max_seconds}, {@code item_min_count} / {@code item_max_count}, ...). When only one side of
 *       a pair the generators know is set, it is compared with the generator's default for the other side
 *       (reference 2.9 / 2.11, D13).</li>
 *   <li>Other lower bounds: counts and days {@code >= 0}; {@code purchase_count_per_item_min >= 1};
 *       {@code seconds_per_event >= 1}; {@code change_min >= 0}; {@code impression_ratio >= 0}; known numeric
 *       properties {@code >= 0} and {@code results_per_page_max >= 1}; catalog {@code target_count >= 0}.</li>
 *   <li>{@code session_hourly_start_probabilities}: exactly 24 weights {@code >= 0}, not all zero.
 *       {@code session_day_of_week_probabilities}: exactly 7 probabilities (Monday first).</li>
 *   <li>{@code time_zones}: every key a zone id {@code java.time} knows (with a "did you mean" for a near miss),
 *       weights finite, {@code >= 0} and not all zero; {@code holiday_activity_factor} in [0, 1];
 *       {@code global.time_zone_countries}: known zone ids mapped to two capital letters.</li>
 *   <li>Weights ({@code event_probabilities}, {@code response_probabilities},
 *       {@code catalog_type_probabilities}) are finite, {@code >= 0} and not all zero; only
 *       {@code event_probabilities} may be empty. When {@code change_probability > 0}, boost and decay weights
 *       must not both be 0.</li>
 *   <li>Names: the properties of the content event types ({@link dev.synth.config.EventConfig#CONTENT_EVENT_TYPES})
 *       follow the rules above; other event type names are checked before a run; response actions are
 *       {@link dev.synth.config.NudgeConfig#RESPONSE_ACTIONS}; catalog type weights only name the four shop item
 *       types; catalog entries name a {@link dev.synth.event.CatalogType} or {@code default};
 *       {@code product_user_type} is {@code web} or {@code mobile}. {@code user_type} may be any non-empty name
 *       (host applications register their own), see below.</li>
 *   <li>{@code end_ts} is after {@code start_ts}; {@code organisation}, {@code project},
 *       {@code catalog_directory} are not empty; {@code sink_types} is a list of distinct, non-empty names.
 *       {@code target_min_count > target_max_count} is allowed: the population is then pinned to
 *       {@code target_min_count} (reference 4.3).</li>
 * </ul>
 *
 * <h2>Rules checked by {@link dev.synth.config.SimulationConfig#validateForRun(java.util.Collection, java.util.Set)}</h2>
 * Made when a simulation is built (D27): every {@code user_type} and sink name must be available; every profile
 * must fit what its user type declares ({@link dev.synth.config.UserTypeSchema}: the names in {@code events} and
 * {@code event_probabilities}, its own {@code settings} and rules); a profile with
 * {@code occurrence_probability > 0} whose users pick event types (the built-in session and event-per-period
 * users, purchase users with {@code normal_event_probability > 0}) must have {@code event_probabilities}; and
 * when the population can hold users at all, some profile must have {@code occurrence_probability > 0}.
 *
 * <h2>Paths</h2>
 * {@link dev.synth.config.SimulationConfig#sourceFile()} keeps the YAML file's path; relative paths such as
 * {@code catalog_directory} are resolved against its folder with
 * {@link dev.synth.config.SimulationConfig#resolve(String)}. A configuration that was not read from a file
 * resolves against the working directory.
 */
package dev.synth.config;
