package dev.synth.persistence.jooq;

import static dev.synth.persistence.jooq.internal.schema.Tables.CATALOG_ENTRY;
import static dev.synth.persistence.jooq.internal.schema.Tables.DRIVER_META;
import static dev.synth.persistence.jooq.internal.schema.Tables.SYNTHETIC_USER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.synth.RetryPolicy;
import dev.synth.StateStoreException;
import dev.synth.event.CatalogType;
import dev.synth.persistence.jooq.internal.schema.tables.records.DriverMetaRecord;
import dev.synth.spi.CatalogRecord;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.Sleeper;
import dev.synth.spi.StateStore;
import dev.synth.spi.StepCommit;
import dev.synth.spi.UserRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record7;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL {@link StateStore}: keeps runs in SQLite, PostgreSQL or MariaDB/MySQL, so a simulation can be stopped,
 * crash, be upgraded and resume exactly (DECISIONS D8-D11).
 *
 * <pre>{@code
 * try (JooqStateStore store = JooqStateStore.sqlite(Path.of("synth.sqlite"))) {
 *     Simulation.builder().config(config).stateStore(store).addSink(CsvEventSink.to(out)).build().run();
 * }
 * }</pre>
 *
 * <p><b>Schema.</b> Opening a store applies the library's Flyway migrations (history table
 * {@value #HISTORY_TABLE}, so the tables can live in the host application's database) and refuses a database
 * whose schema is newer than this code. Tables: {@code driver_meta} (one row per run: seed, clock, engine state,
 * output positions, lease), {@code synthetic_user}, {@code catalog_entry}.
 *
 * <p><b>Commits</b> are one transaction each: the run's row (clock, engine state, sink positions), batched upserts
 * of the users that changed, batched inserts of new catalog entries. SQLite runs in WAL mode with
 * {@code synchronous=NORMAL}: a commit survives a crash of the process; after a power loss the last commits may be
 * lost, which is safe because outputs are forced to disk before the commit and cut back to it on resume.
 *
 * <p><b>One process per run.</b> {@link #load} and {@link #commit} take a lease on the run (owner and heartbeat
 * in its {@code driver_meta} row, renewed in the background). A second store - another process, or another store
 * in this JVM - that asks for the same (organisation, project) while the lease is alive is refused with a
 * {@link RunInUseException} before it changes anything. A lease is free again when its store is closed, when its
 * heartbeat is older than the {@linkplain Builder#leaseTimeout lease timeout}, or at once when its owner was a
 * process on this host that no longer exists (a crash).
 *
 * <p><b>Failures.</b> Transient database errors are retried as the {@link RetryPolicy} says ({@link #DEFAULT_RETRY}), then fail with a
 * {@link StateStoreException} saying what was tried (D29). Messages never contain the database password.
 *
 * <p>Thread-safe. {@link #close()} releases the leases and closes the connection pool the store created (never a
 * {@link DataSource} passed in by the host).
 */
public final class JooqStateStore implements StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(JooqStateStore.class);
    /** The library's own Flyway history table. */
    public static final String HISTORY_TABLE = "synth_schema_history";
    private static final String MIGRATIONS = "classpath:dev/synth/persistence/jooq/migration";
    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final String HOST = hostName();
    private static final int MAX_MESSAGE = 300;
    /** User records bound to one JDBC batch of a commit. */
    private static final int USER_BATCH = 1000;
    /**
     * The store's retry policy: 8 attempts, 100 ms doubling up to 5 s between them, and no attempt started more
     * than 20 s after the first. With the connect (5 s) and socket (15 s) timeouts, an operation against a
     * database that is down or stalled fails within about 35 s.
     */
    public static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(20));
    private static final long PID = ProcessHandle.current().pid();
    private static final TypeReference<LinkedHashMap<String, String>> POSITIONS = new TypeReference<>() {
    };

    static {
        // jOOQ prints a logo and a "tip of the day" when its classes load; a library should not. A host that
        // wants them sets these properties itself (they are only set here when absent).
        quietJooq("org.jooq.no-logo");
        quietJooq("org.jooq.no-tips");
    }

    private static void quietJooq(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    private final String location;
    private final DbUri uri;
    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration leaseTimeout;
    private final String owner;
    private final Flyway flyway;
    /** PostgreSQL: the schema of synth's tables, from {@code currentSchema=} in the URL; else the default one. */
    private final Optional<String> schema;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<RunKey, Long> leases = new ConcurrentHashMap<>();
    private final Object heartbeatLock = new Object();
    private ScheduledExecutorService heartbeat;
    /** When renewing the leases started failing (clock millis), 0 while it works; heartbeat thread only. */
    private long renewFailingSince;
    private volatile boolean closed;

    private JooqStateStore(Builder b) {
        this.retry = b.retry;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.leaseTimeout = b.leaseTimeout;
        this.owner = PID + "@" + HOST + "#" + INSTANCES.incrementAndGet();
        if (b.dataSource != null) {
            this.uri = null;
            this.location = "host data source (" + b.dialect.getName() + ")";
            this.dataSource = b.dataSource;
            this.ownedPool = null;
            this.dialect = b.dialect;
        } else {
            this.uri = b.uri;
            this.location = b.uri.redacted();
            this.dialect = b.uri.dialect();
            requireDriver(b.uri, JooqStateStore.class.getClassLoader());
            b.uri.sqliteFile().ifPresent(JooqStateStore::prepareSqliteFile);
            this.ownedPool = retrying("connect to the database", () -> new HikariDataSource(poolConfig(b)));
            this.dataSource = ownedPool;
        }
        this.dsl = DSL.using(dataSource, dialect, new Settings()
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withExecuteLogging(false)
                .withQueryTimeout(b.uri == null ? 0 : (int) Math.max(1, b.queryTimeout.toSeconds())));
        org.flywaydb.core.api.configuration.FluentConfiguration flywayConfig = Flyway.configure(
                JooqStateStore.class.getClassLoader());
        this.schema = b.uri == null ? Optional.empty() : postgresSchema(b.uri);
        schema.ifPresent(name -> flywayConfig.schemas(name).defaultSchema(name).createSchemas(true));
        flywayConfig.loggers("slf4j"); // like the rest of synth; never java.util.logging
        this.flyway = flywayConfig
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(MIGRATIONS)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .ignoreMigrationPatterns(new String[0])
                .validateOnMigrate(true)
                .cleanDisabled(true)
                .load();
        try {
            if (b.migrate) {
                migrate();
            }
        } catch (RuntimeException e) {
            closePool();
            throw e;
        }
    }

    // ---- factories ---------------------------------------------------------------------------------------------

    /** A store in the SQLite file {@code file} (created, with its folders, if missing), migrated. */
    public static JooqStateStore sqlite(Path file) {
        return builder().location(DbUri.sqlite(file)).build();
    }

    /**
     * A store over a data source of the host application, migrated. The host keeps ownership: {@link #close()}
     * does not close it. For SQLite, configure WAL mode and a busy timeout on it.
     */
    public static JooqStateStore of(DataSource dataSource, SQLDialect dialect) {
        return builder().dataSource(dataSource, dialect).build();
    }

    /**
     * A store at a {@code db_uri} or JDBC URL ({@link DbUri} lists the forms; relative SQLite paths are resolved
     * against the working directory), migrated.
     */
    public static JooqStateStore open(String dbUri) {
        return builder().location(DbUri.parse(dbUri, Path::of)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- the SPI -------------------------------------------------------------------------------------------------

    /**
     * Takes the run's lease (refusing with {@link RunInUseException} when another live store holds it), then
     * reads the last committed state: the run's row, its active and inactive users in ordinal order and its
     * catalog entries in creation order.
     */
    @Override
    public Optional<RunSnapshot> load(RunKey run) {
        Objects.requireNonNull(run, "run");
        long id = lease(run);
        return retrying("load run " + run, () -> dsl.transactionResult(cfg -> read(DSL.using(cfg), run, id)));
    }

    /** One user's record, read directly (without taking the run's lease: it only reads). */
    @Override
    public Optional<UserRecord> loadUser(RunKey run, String platformUuid) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(platformUuid, "platformUuid");
        var u = SYNTHETIC_USER;
        var d = DRIVER_META;
        return retrying("load user " + platformUuid + " of run " + run, () -> dsl
                .select(u.PLATFORM_UUID, u.ORDINAL, u.TYPE, u.PROFILE_NAME, u.IS_ACTIVE, u.LAST_SEEN_MICROS,
                        u.PROFILE_DATA)
                .from(u).join(d).on(d.ID.eq(u.DRIVER_META_ID))
                .where(d.ORGANISATION.eq(run.organisation())).and(d.PROJECT.eq(run.project()))
                .and(u.PLATFORM_UUID.eq(platformUuid))
                .fetchOptional(r -> new UserRecord(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7())));
    }

    /**
     * Applies the step in one transaction: the run's row (seed, clock, engine state, sink positions, heartbeat),
     * upserts of the changed users (batched) and inserts of the new catalog entries (batched). Fails if another
     * store took the run's lease meanwhile.
     */
    @Override
    public void commit(RunKey run, StepCommit step) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(step, "step");
        long id = lease(run);
        String positions = encodePositions(run, step.sinkPositions());
        retrying("commit run " + run + " at " + dev.synth.event.Micros.toInstant(step.clockMicros()), () -> {
            dsl.transaction(cfg -> write(DSL.using(cfg), run, id, step, positions));
            return null;
        });
    }

    // ---- maintenance ---------------------------------------------------------------------------------------------

    /**
     * Applies pending migrations (done when the store is built unless {@link Builder#migrate(boolean) turned off})
     * and returns the schema version. Refuses a schema newer than this code.
     */
    public String migrate() {
        return retrying("migrate the schema", () -> {
            refuseFutureSchema();
            refuseForeignTables();
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("synth state store {}: applied {} migration(s), schema now at version {}", location,
                        result.migrationsExecuted, result.targetSchemaVersion);
            }
            return schemaVersion();
        });
    }

    /** Tables synth creates that a database may already hold from another program (the reference's own). */
    private static final List<String> SYNTH_TABLES = List.of("driver_meta", "synthetic_user", "catalog_entry");

    /**
     * Refuses, before changing anything, a database that synth never migrated but that already holds a table of
     * synth's names - typically the reference's own {@code driver_meta} - instead of failing half-way with
     * "table driver_meta already exists".
     */
    private void refuseForeignTables() {
        if (flyway.info().applied().length > 0) {
            return;
        }
        for (String table : SYNTH_TABLES) {
            boolean exists;
            try {
                dsl.execute("select 1 from " + table + " where 1 = 0");
                exists = true;
            } catch (org.jooq.exception.DataAccessException absent) {
                exists = false;
            }
            if (exists) {
                throw new StateStoreException("synth state store " + location + ": the database"
                        + schema.map(n -> " (schema " + n + ")").orElse("") + " already holds a table " + table
                        + " that synth did not create (synth's schema history " + HISTORY_TABLE + " is missing) -"
                        + " perhaps the reference generator's own tables. synth will not touch them. Give synth a"
                        + " database of its own"
                        + (dialect.family() == SQLDialect.POSTGRES
                                ? ", or a schema of its own by adding ?currentSchema=synth to global.db_uri" : "")
                        + ".");
            }
        }
    }

    /** {@code currentSchema=name} of a PostgreSQL URL (pgjdbc's own parameter): where synth's tables go. */
    static Optional<String> postgresSchema(DbUri uri) {
        if (uri.dialect().family() != SQLDialect.POSTGRES) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]currentSchema=([^&,]+)")
                .matcher(uri.jdbcUrl());
        return m.find() ? Optional.of(java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8))
                : Optional.empty();
    }

    /** The version of the schema in the database, e.g. {@code 1}; {@code none} before the first migration. */
    public String schemaVersion() {
        MigrationInfo current = retrying("read the schema version", () -> flyway.info().current());
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }

    /**
     * Deletes everything stored about {@code run} (its row, users and catalog entries); the outputs are the
     * caller's. Refused with {@link RunInUseException} while another process simulates the run.
     */
    @Override
    public void clear(RunKey run) {
        Objects.requireNonNull(run, "run");
        long id = lease(run);
        retrying("clear run " + run, () -> {
            dsl.transaction(cfg -> {
                DSLContext tx = DSL.using(cfg);
                tx.deleteFrom(CATALOG_ENTRY).where(CATALOG_ENTRY.DRIVER_META_ID.eq(id)).execute();
                tx.deleteFrom(SYNTHETIC_USER).where(SYNTHETIC_USER.DRIVER_META_ID.eq(id)).execute();
                tx.deleteFrom(DRIVER_META).where(DRIVER_META.ID.eq(id)).execute();
            });
            return null;
        });
        leases.remove(run);
        LOG.info("[{}] cleared from {}", run, location);
    }

    /**
     * Drops the library's tables and its Flyway history table, with every run in them; the store cannot be used
     * afterwards. Refused with {@link RunInUseException} while another process holds the lease of any run, and
     * refused for a schema newer than this code (whose tables it does not know).
     */
    public void dropTables() {
        retrying("drop the tables", () -> {
            refuseFutureSchema();
            long now = clock.millis();
            for (DriverMetaRecord row : dsl.selectFrom(DRIVER_META).fetch()) {
                if (row.getLeaseOwner() != null && !owner.equals(row.getLeaseOwner()) && !expired(row, now)) {
                    throw inUse(new RunKey(row.getOrganisation(), row.getProject()), row, now);
                }
            }
            dsl.dropTableIfExists(CATALOG_ENTRY).execute();
            dsl.dropTableIfExists(SYNTHETIC_USER).execute();
            dsl.dropTableIfExists(DRIVER_META).execute();
            dsl.dropTableIfExists(DSL.table(DSL.name(HISTORY_TABLE))).execute();
            return null;
        });
        leases.clear();
        LOG.info("synth state store {}: tables dropped", location);
    }

    /** Where the data lives, without the password. */
    public String location() {
        return location;
    }

    /** The jOOQ dialect in use. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** This store's lease owner id, {@code pid@host#n}. */
    public String ownerId() {
        return owner;
    }

    /** Releases this store's leases and closes the pool it created. Idempotent; the stored state stays. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (heartbeatLock) {
            if (heartbeat != null) {
                heartbeat.shutdownNow();
            }
        }
        for (Map.Entry<RunKey, Long> lease : leases.entrySet()) {
            try {
                dsl.update(DRIVER_META).setNull(DRIVER_META.LEASE_OWNER).setNull(DRIVER_META.LEASE_HEARTBEAT_MILLIS)
                        .where(DRIVER_META.ID.eq(lease.getValue())).and(DRIVER_META.LEASE_OWNER.eq(owner)).execute();
            } catch (RuntimeException e) {
                LOG.warn("[{}] cannot release the lease in {} ({}); it expires after {} s", lease.getKey(), location,
                        describe(e), leaseTimeout.toSeconds());
            }
        }
        leases.clear();
        closePool();
    }

    @Override
    public String toString() {
        return "JooqStateStore[" + location + "]";
    }

    // ---- reading and writing ---------------------------------------------------------------------------------------

    private Optional<RunSnapshot> read(DSLContext tx, RunKey run, long id) {
        var meta = tx.select(DRIVER_META.SEED, DRIVER_META.LAST_SEEN_MICROS, DRIVER_META.DRIVER_DATA,
                DRIVER_META.SINK_POSITIONS).from(DRIVER_META).where(DRIVER_META.ID.eq(id)).fetchOne();
        if (meta == null || meta.value2() == null) {
            return Optional.empty();
        }
        List<UserRecord> active = users(tx, id, true);
        List<UserRecord> inactive = users(tx, id, false);
        List<CatalogRecord> catalog = new ArrayList<>();
        for (var r : tx.select(CATALOG_ENTRY.TYPE, CATALOG_ENTRY.PLATFORM_UUID, CATALOG_ENTRY.DATA).from(CATALOG_ENTRY)
                .where(CATALOG_ENTRY.DRIVER_META_ID.eq(id)).orderBy(CATALOG_ENTRY.CREATION_ORDER).fetch()) {
            CatalogType type = CatalogType.fromConfigName(r.value1()).orElseThrow(() -> new StateStoreException(
                    "[" + run + "] stored catalog entry " + r.value2() + " has unknown type '" + r.value1() + "'"));
            catalog.add(new CatalogRecord(type, r.value2(), r.value3()));
        }
        Map<String, String> positions = decodePositions(run, meta.value4());
        long seed = meta.value1() == null ? 0 : meta.value1();
        return Optional.of(new RunSnapshot(seed, meta.value2(), meta.value3(), positions, active, inactive, catalog));
    }

    private static List<UserRecord> users(DSLContext tx, long id, boolean active) {
        var u = SYNTHETIC_USER;
        List<UserRecord> out = new ArrayList<>();
        for (Record7<String, Long, String, String, Boolean, Long, String> r : tx
                .select(u.PLATFORM_UUID, u.ORDINAL, u.TYPE, u.PROFILE_NAME, u.IS_ACTIVE, u.LAST_SEEN_MICROS,
                        u.PROFILE_DATA)
                .from(u).where(u.DRIVER_META_ID.eq(id)).and(u.IS_ACTIVE.eq(active)).orderBy(u.ORDINAL).fetch()) {
            out.add(new UserRecord(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                    r.value7()));
        }
        return out;
    }

    private void write(DSLContext tx, RunKey run, long id, StepCommit step, String positions) {
        int updated = tx.update(DRIVER_META)
                .set(DRIVER_META.SEED, step.seed())
                .set(DRIVER_META.LAST_SEEN_MICROS, step.clockMicros())
                .set(DRIVER_META.DRIVER_DATA, json(step.driverState()))
                .set(DRIVER_META.SINK_POSITIONS, json(positions))
                .set(DRIVER_META.LEASE_HEARTBEAT_MILLIS, clock.millis())
                .where(DRIVER_META.ID.eq(id)).and(DRIVER_META.LEASE_OWNER.eq(owner))
                .execute();
        if (updated != 1) {
            leases.remove(run);
            throw new StateStoreException("[" + run + "] lost the lease on the run in " + location
                    + ": another process took it over (this one stalled for longer than the lease timeout of "
                    + leaseTimeout.toSeconds() + " s, or the run was cleared); the step is not committed");
        }
        if (!step.changedUsers().isEmpty()) {
            var u = SYNTHETIC_USER;
            var upsert = tx.insertInto(u, u.DRIVER_META_ID, u.PLATFORM_UUID, u.ORDINAL, u.TYPE,
                            u.PROFILE_NAME, u.IS_ACTIVE, u.LAST_SEEN_MICROS, u.PROFILE_DATA)
                    .values(DSL.val((Long) null), DSL.val((String) null), DSL.val((Long) null), DSL.val((String) null),
                            DSL.val((String) null), DSL.val((Boolean) null), DSL.val((Long) null), json(null))
                    .onConflict(u.DRIVER_META_ID, u.PLATFORM_UUID).doUpdate()
                    .set(u.ORDINAL, DSL.excluded(u.ORDINAL))
                    .set(u.TYPE, DSL.excluded(u.TYPE))
                    .set(u.PROFILE_NAME, DSL.excluded(u.PROFILE_NAME))
                    .set(u.IS_ACTIVE, DSL.excluded(u.IS_ACTIVE))
                    .set(u.LAST_SEEN_MICROS, DSL.excluded(u.LAST_SEEN_MICROS))
                    .set(u.PROFILE_DATA, DSL.excluded(u.PROFILE_DATA));
            // in batches: a step of a large population may change a million records, each encoded as it is read
            BatchBindStep batch = null;
            int bound = 0;
            for (UserRecord user : step.changedUsers()) {
                if (batch == null) {
                    batch = tx.batch(upsert);
                }
                batch.bind(id, user.platformUuid(), user.ordinal(), user.userType(), user.profileName(),
                        user.active(), user.lastSeenMicros(), user.state());
                if (++bound == USER_BATCH) {
                    batch.execute();
                    batch = null;
                    bound = 0;
                }
            }
            if (batch != null) {
                batch.execute();
            }
        }
        if (!step.newCatalogEntries().isEmpty()) {
            var c = CATALOG_ENTRY;
            Long last = tx.select(DSL.max(c.CREATION_ORDER)).from(c).where(c.DRIVER_META_ID.eq(id)).fetchOne(0,
                    Long.class);
            long next = last == null ? 0 : last + 1;
            BatchBindStep batch = tx.batch(tx.insertInto(c, c.DRIVER_META_ID, c.PLATFORM_UUID, c.CREATION_ORDER,
                            c.TYPE, c.DATA)
                    .values(DSL.val((Long) null), DSL.val((String) null), DSL.val((Long) null), DSL.val((String) null),
                            json(null))
                    .onConflictDoNothing());
            for (CatalogRecord entry : step.newCatalogEntries()) {
                batch.bind(id, entry.uuid(), next++, entry.type().configName(), entry.data());
            }
            batch.execute();
        }
    }

    // ---- the lease -------------------------------------------------------------------------------------------------

    /** The run's row id, taking the lease on the run first if this store does not hold it yet. */
    private long lease(RunKey run) {
        if (closed) {
            throw new StateStoreException("[" + run + "] the state store " + location + " is closed");
        }
        Long held = leases.get(run);
        if (held != null) {
            return held;
        }
        long id = retrying("take the lease on run " + run,
                () -> dsl.transactionResult(cfg -> acquire(DSL.using(cfg), run)));
        leases.put(run, id);
        startHeartbeat();
        return id;
    }

    private long acquire(DSLContext tx, RunKey run) {
        long now = clock.millis();
        DriverMetaRecord row = tx.selectFrom(DRIVER_META)
                .where(DRIVER_META.ORGANISATION.eq(run.organisation())).and(DRIVER_META.PROJECT.eq(run.project()))
                .fetchOne();
        if (row == null) {
            try {
                tx.insertInto(DRIVER_META, DRIVER_META.ID, DRIVER_META.ORGANISATION, DRIVER_META.PROJECT,
                                DRIVER_META.LEASE_OWNER, DRIVER_META.LEASE_HEARTBEAT_MILLIS)
                        .select(DSL.select(DSL.coalesce(DSL.max(DRIVER_META.ID), 0L).plus(1L),
                                        DSL.val(run.organisation()), DSL.val(run.project()), DSL.val(owner), DSL.val(now))
                                .from(DRIVER_META))
                        .execute();
            } catch (DataAccessException e) {
                if (e.sqlStateClass() == org.jooq.exception.SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
                    throw new Contended("another store created run " + run + " at the same time", e);
                }
                throw e;
            }
            return tx.select(DRIVER_META.ID).from(DRIVER_META).where(DRIVER_META.ORGANISATION.eq(run.organisation()))
                    .and(DRIVER_META.PROJECT.eq(run.project())).fetchSingle(DRIVER_META.ID);
        }
        String current = row.getLeaseOwner();
        if (current != null && !current.equals(owner) && !expired(row, now)) {
            throw inUse(run, row, now);
        }
        int updated = tx.update(DRIVER_META)
                .set(DRIVER_META.LEASE_OWNER, owner).set(DRIVER_META.LEASE_HEARTBEAT_MILLIS, now)
                .where(DRIVER_META.ID.eq(row.getId()))
                .and(DRIVER_META.LEASE_OWNER.isNotDistinctFrom(current))
                .and(DRIVER_META.LEASE_HEARTBEAT_MILLIS.isNotDistinctFrom(row.getLeaseHeartbeatMillis()))
                .execute();
        if (updated != 1) {
            throw new Contended("another store took the lease on run " + run + " at the same time", null);
        }
        if (current != null && !current.equals(owner)) {
            LOG.warn("[{}] took over the run from {}, whose lease had lapsed (process gone, or no heartbeat for {} s)",
                    run, current, (now - heartbeatOf(row)) / 1000);
        }
        return row.getId();
    }

    private boolean expired(DriverMetaRecord row, long now) {
        if (now - heartbeatOf(row) > leaseTimeout.toMillis()) {
            return true;
        }
        // a crashed process on this host cannot renew its lease: no need to wait for the timeout
        String other = row.getLeaseOwner();
        int at = other.indexOf('@');
        int hash = other.indexOf('#');
        if (at > 0 && hash > at && other.substring(at + 1, hash).equals(HOST)) {
            try {
                long pid = Long.parseLong(other.substring(0, at));
                return pid != PID && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static long heartbeatOf(DriverMetaRecord row) {
        return row.getLeaseHeartbeatMillis() == null ? 0 : row.getLeaseHeartbeatMillis();
    }

    private RunInUseException inUse(RunKey run, DriverMetaRecord row, long now) {
        return new RunInUseException(run, row.getLeaseOwner(), Duration.ofMillis(Math.max(0, now - heartbeatOf(row))),
                leaseTimeout, location);
    }

    private void startHeartbeat() {
        synchronized (heartbeatLock) {
            if (heartbeat != null || closed) {
                return;
            }
            heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "synth-lease-" + owner);
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(50, leaseTimeout.toMillis() / 3);
            heartbeat.scheduleWithFixedDelay(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void renewLeases() {
        for (Map.Entry<RunKey, Long> lease : leases.entrySet()) {
            try {
                int n = dsl.update(DRIVER_META).set(DRIVER_META.LEASE_HEARTBEAT_MILLIS, clock.millis())
                        .where(DRIVER_META.ID.eq(lease.getValue())).and(DRIVER_META.LEASE_OWNER.eq(owner)).execute();
                if (n != 1 && !closed) {
                    LOG.error("[{}] lost the lease on the run in {}: another process took it over", lease.getKey(),
                            location);
                }
                renewFailingSince = 0;
            } catch (RuntimeException e) {
                if (!closed) {
                    // a long commit (a million users' records) holds SQLite's lock for a while; it refreshes the
                    // heartbeat itself, so only a failure that lasts a third of the lease timeout is worth a warning
                    long now = clock.millis();
                    if (renewFailingSince == 0) {
                        renewFailingSince = now;
                    }
                    if (now - renewFailingSince >= leaseTimeout.toMillis() / 3) {
                        LOG.warn("[{}] cannot renew the lease in {} (for {} s): {}", lease.getKey(), location,
                                (now - renewFailingSince) / 1000, describe(e));
                    } else {
                        LOG.debug("[{}] cannot renew the lease in {} now: {}", lease.getKey(), location, describe(e));
                    }
                }
            }
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private void refuseFutureSchema() {
        for (MigrationInfo info : flyway.info().applied()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw new StateStoreException("the synth schema in " + location + " is at version " + info.getVersion()
                        + " (" + info.getDescription() + "), newer than this version of synth knows; refusing to use"
                        + " it - upgrade synth, or use another database");
            }
        }
    }

    /**
     * Runs {@code op}, retrying transient failures as the policy says (one WARN line per retry, no stack trace).
     * Our own {@link StateStoreException}s pass through; other failures become one, with secrets scrubbed.
     */
    private <T> T retrying(String what, Supplier<T> op) {
        return retry.execute(op::get, new RetryPolicy.Handler() {
            @Override
            public boolean isRetryable(Exception e) {
                return !(e instanceof StateStoreException) && e instanceof Contended || TransientErrors.isTransient(e);
            }

            @Override
            public void retrying(int attempt, Exception e, Duration wait) {
                LOG.warn("cannot {} in {} (attempt {} of {}): {}; retrying in {} ms", what, location, attempt,
                        retry.maxAttempts(), describe(e), wait.toMillis());
            }

            @Override
            public RuntimeException giveUp(Exception e, boolean retryable, int attempts, Duration elapsed) {
                if (e instanceof StateStoreException own) {
                    return own;
                }
                if (!retryable) {
                    return failure("cannot " + what + " in " + location + ": " + describe(e), e);
                }
                return failure("cannot " + what + " in " + location + ": still failing after " + attempts
                        + " attempts over " + String.format(java.util.Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0)
                        + " s (transient errors are retried for up to " + retry.budget().toSeconds() + " s): "
                        + describe(e), e);
            }

            @Override
            public RuntimeException interrupted(Exception e) {
                return failure("interrupted while retrying to " + what + " in " + location, e);
            }
        }, sleeper, clock);
    }

    /** A store exception whose message - and whose cause chain, if attached - carries no password. */
    private StateStoreException failure(String message, Throwable cause) {
        String scrubbed = scrub(message);
        boolean causeLeaks = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.equals(scrub(m))) {
                causeLeaks = true;
            }
        }
        return causeLeaks ? new StateStoreException(scrubbed) : new StateStoreException(scrubbed, cause);
    }

    private String scrub(String message) {
        return uri == null ? DbUri.redact(message) : uri.scrub(message);
    }

    /** The most telling message of a failure: the first SQL exception's, else the deepest cause's. */
    private String describe(Throwable e) {
        Throwable best = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                best = t;
                break;
            }
            best = t;
        }
        if (e instanceof Contended) {
            best = e;
        }
        String m = best.getMessage() == null ? best.getClass().getSimpleName() : best.getMessage();
        // drivers quote rows and statements in later lines ("Detail: Failing row contains ..."): keep the first
        int newline = m.indexOf('\n');
        if (newline >= 0) {
            m = m.substring(0, newline);
        }
        if (m.length() > MAX_MESSAGE) {
            m = m.substring(0, MAX_MESSAGE) + "...";
        }
        String state = best instanceof SQLException sql && sql.getSQLState() != null ? " [SQL state "
                + sql.getSQLState() + "]" : "";
        return scrub(m) + state;
    }

    private HikariConfig poolConfig(Builder b) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("synth-" + INSTANCES.get());
        c.setJdbcUrl(b.uri.jdbcUrl());
        b.uri.user().ifPresent(c::setUsername);
        b.uri.password().ifPresent(c::setPassword);
        c.setConnectionTimeout(b.connectionTimeout.toMillis());
        c.setValidationTimeout(Math.max(250, Math.min(b.connectionTimeout.toMillis(), 5000)));
        c.setInitializationFailTimeout(1);
        c.setMinimumIdle(1);
        if (dialect == SQLDialect.SQLITE) {
            // one writer at a time anyway; a second connection lets the heartbeat in between commits
            c.setMaximumPoolSize(2);
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("synchronous", "NORMAL");
            c.addDataSourceProperty("busy_timeout", "15000");
            c.addDataSourceProperty("foreign_keys", "true");
            c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            c.setMaximumPoolSize(b.poolSize);
            long connectSeconds = Math.max(1, b.connectionTimeout.toSeconds());
            long socketMillis = Math.max(1000, b.socketTimeout.toMillis());
            if (dialect == SQLDialect.POSTGRES) {
                c.addDataSourceProperty("reWriteBatchedInserts", "true");
                // seconds; a read that sees no byte for this long means the server or the network stalled
                c.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
                c.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
                c.addDataSourceProperty("socketTimeout", String.valueOf(Math.max(1, socketMillis / 1000)));
            } else {
                // MariaDB Connector/J: milliseconds
                c.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds * 1000));
                c.addDataSourceProperty("socketTimeout", String.valueOf(socketMillis));
            }
        }
        return c;
    }

    /**
     * Refuses, naming the Maven artifacts to add, a database whose JDBC driver or Flyway support is missing:
     * only the SQLite driver comes with synth-persistence-jooq; PostgreSQL and MariaDB/MySQL are the user's choice.
     */
    static void requireDriver(DbUri uri, ClassLoader loader) {
        String what;
        String[][] needed; // {class, artifact}
        switch (uri.dialect().family()) {
            case POSTGRES -> {
                what = "a PostgreSQL database";
                needed = new String[][] {{"org.postgresql.Driver", "org.postgresql:postgresql"},
                    {"org.flywaydb.database.postgresql.PostgreSQLDatabaseType", "org.flywaydb:flyway-database-postgresql"}};
            }
            case MARIADB, MYSQL -> {
                what = "a MariaDB/MySQL database";
                needed = new String[][] {{"org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client"},
                    {"org.flywaydb.database.mysql.MySQLDatabaseType", "org.flywaydb:flyway-mysql"}};
            }
            default -> {
                what = "a SQLite database";
                needed = new String[][] {{"org.sqlite.JDBC", "org.xerial:sqlite-jdbc"}};
            }
        }
        List<String> missing = new ArrayList<>();
        for (String[] n : needed) {
            try {
                Class.forName(n[0], false, loader);
            } catch (ClassNotFoundException e) {
                missing.add(n[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new StateStoreException("global.db_uri " + uri.redacted() + " names " + what + ", but "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not on the classpath: add " + (missing.size() == 1 ? "that dependency" : "those dependencies")
                    + " (synth-bom manages the tested versions; scope runtime is enough)");
        }
    }

    /** Creates the folders of a SQLite file; a clear message when that is impossible. */
    static void prepareSqliteFile(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new StateStoreException("cannot create the SQLite database " + file + ": " + existing
                    + " is not a directory");
        }
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot create the SQLite database " + file + ": cannot create its folder "
                    + dir + " (" + e.getMessage() + ")", e);
        }
        if (Files.isDirectory(file)) {
            throw new StateStoreException("cannot use the SQLite database " + file + ": it is a directory");
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new StateStoreException("cannot create the SQLite database " + file + ": the folder " + dir
                    + " is not writable");
        }
    }

    private void closePool() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    /**
     * A value for a JSON column, given and kept as text: exactly the characters the engine wrote. The generated
     * classes see JSON columns as text, so nothing reformats the value (jOOQ's JSON type would on MariaDB);
     * PostgreSQL needs the explicit cast from text to json.
     */
    private Field<String> json(String text) {
        Field<String> value = DSL.val(text, SQLDataType.CLOB);
        return dialect.family() == SQLDialect.POSTGRES ? DSL.cast(value, SQLDataType.JSON).coerce(SQLDataType.CLOB)
                : value;
    }

    private String encodePositions(RunKey run, Map<String, String> positions) {
        try {
            return mapper.writeValueAsString(new java.util.TreeMap<>(positions));
        } catch (JsonProcessingException e) {
            throw new StateStoreException("[" + run + "] cannot encode the sink positions", e);
        }
    }

    private Map<String, String> decodePositions(RunKey run, String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(text, POSITIONS);
        } catch (IOException e) {
            throw new StateStoreException("[" + run + "] the stored sink positions in " + location + " are unreadable: "
                    + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** A race with another store; worth another attempt. */
    private static final class Contended extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Contended(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Builds a {@link JooqStateStore}: where the data lives ({@link #location} or {@link #dataSource}, required)
     * and how hard to try. Not thread-safe.
     */
    public static final class Builder {
        private DbUri uri;
        private DataSource dataSource;
        private SQLDialect dialect;
        private RetryPolicy retry = DEFAULT_RETRY;
        private Sleeper sleeper = Sleeper.threadSleep();
        private Clock clock = Clock.systemUTC();
        private Duration socketTimeout = Duration.ofSeconds(15);
        private Duration queryTimeout = Duration.ofSeconds(60);
        private Duration leaseTimeout = Duration.ofSeconds(30);
        private Duration connectionTimeout = Duration.ofSeconds(5);
        private int poolSize = 4;
        private boolean migrate = true;

        private Builder() {
        }

        /** The database; the store creates (and closes) a HikariCP pool for it. */
        public Builder location(DbUri uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            this.dataSource = null;
            return this;
        }

        /** A data source of the host application, which keeps ownership of it. */
        public Builder dataSource(DataSource dataSource, SQLDialect dialect) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            this.uri = null;
            return this;
        }

        /** How transient errors are retried; default {@link #DEFAULT_RETRY}. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** How the store waits between retries; default {@link Sleeper#threadSleep()}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * PostgreSQL and MariaDB: how long one read from the server may see no data before the connection is
         * given up as stalled (then the operation is retried); default 15 s.
         */
        public Builder socketTimeout(Duration socketTimeout) {
            if (socketTimeout.toMillis() < 1000) {
                throw new IllegalArgumentException("socketTimeout was " + socketTimeout + " but must be >= 1 s");
            }
            this.socketTimeout = socketTimeout;
            return this;
        }

        /** How long one statement may run before the driver cancels it; default 60 s (whole seconds). */
        public Builder queryTimeout(Duration queryTimeout) {
            if (queryTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("queryTimeout was " + queryTimeout + " but must be >= 1 s");
            }
            this.queryTimeout = queryTimeout;
            return this;
        }

        /** The wall clock of lease heartbeats; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a run's lease stays valid without a heartbeat (renewed every third of it); default 30 s.
         * A store that stalls longer loses the run to the next process that asks for it.
         */
        public Builder leaseTimeout(Duration leaseTimeout) {
            if (leaseTimeout.toMillis() < 150) {
                throw new IllegalArgumentException("leaseTimeout was " + leaseTimeout + " but must be >= 150 ms");
            }
            this.leaseTimeout = leaseTimeout;
            return this;
        }

        /** How long one attempt waits for a connection; default 5 s (HikariCP's minimum is 250 ms). */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            return this;
        }

        /** Connections in the pool for PostgreSQL and MariaDB (SQLite uses 2); default 4. */
        public Builder poolSize(int poolSize) {
            if (poolSize < 2) {
                throw new IllegalArgumentException("poolSize was " + poolSize + " but must be >= 2");
            }
            this.poolSize = poolSize;
            return this;
        }

        /** Whether {@link #build()} applies pending migrations; default true. */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Connects (retrying transient failures), migrates and returns the store.
         *
         * @throws StateStoreException if the database cannot be reached or created, or its schema is newer
         */
        public JooqStateStore build() {
            if (uri == null && dataSource == null) {
                throw new IllegalStateException("a location or a data source is required");
            }
            return new JooqStateStore(this);
        }
    }
}
