package dev.synth.persistence.jooq;

import static dev.synth.persistence.jooq.internal.schema.Tables.CATALOG_ENTRY;
import static dev.synth.persistence.jooq.internal.schema.Tables.DRIVER_META;
import static dev.synth.persistence.jooq.internal.schema.Tables.SYNTHETIC_USER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.synth.StateStoreException;
import dev.synth.event.CatalogType;
import dev.synth.persistence.jooq.internal.schema.tables.records.DriverMetaRecord;
import dev.synth.spi.CatalogRecord;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
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
 * <p><b>Failures.</b> Transient database errors are retried as the {@link RetryPolicy} says, then fail with a
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
    private static final long PID = ProcessHandle.current().pid();
    private static final TypeReference<LinkedHashMap<String, String>> POSITIONS = new TypeReference<>() {
    };

    private final String location;
    private final DbUri uri;
    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration leaseTimeout;
    private final String owner;
    private final Flyway flyway;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<RunKey, Long> leases = new ConcurrentHashMap<>();
    private final Object heartbeatLock = new Object();
    private ScheduledExecutorService heartbeat;
    private volatile boolean closed;

    private JooqStateStore(Builder b) {
        this.retry = b.retry;
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
            b.uri.sqliteFile().ifPresent(JooqStateStore::prepareSqliteFile);
            this.ownedPool = retrying("connect to the database", () -> new HikariDataSource(poolConfig(b)));
            this.dataSource = ownedPool;
        }
        this.dsl = DSL.using(dataSource, dialect, new Settings()
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withExecuteLogging(false));
        this.flyway = Flyway.configure(JooqStateStore.class.getClassLoader())
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
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("synth state store {}: applied {} migration(s), schema now at version {}", location,
                        result.migrationsExecuted, result.targetSchemaVersion);
            }
            return schemaVersion();
        });
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
     * afterwards. Refused with {@link RunInUseException} while another process holds the lease of any run.
     */
    public void dropTables() {
        retrying("drop the tables", () -> {
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
            BatchBindStep batch = tx.batch(tx.insertInto(u, u.DRIVER_META_ID, u.PLATFORM_UUID, u.ORDINAL, u.TYPE,
                            u.PROFILE_NAME, u.IS_ACTIVE, u.LAST_SEEN_MICROS, u.PROFILE_DATA)
                    .values(DSL.val((Long) null), DSL.val((String) null), DSL.val((Long) null), DSL.val((String) null),
                            DSL.val((String) null), DSL.val((Boolean) null), DSL.val((Long) null), json(null))
                    .onConflict(u.DRIVER_META_ID, u.PLATFORM_UUID).doUpdate()
                    .set(u.ORDINAL, DSL.excluded(u.ORDINAL))
                    .set(u.TYPE, DSL.excluded(u.TYPE))
                    .set(u.PROFILE_NAME, DSL.excluded(u.PROFILE_NAME))
                    .set(u.IS_ACTIVE, DSL.excluded(u.IS_ACTIVE))
                    .set(u.LAST_SEEN_MICROS, DSL.excluded(u.LAST_SEEN_MICROS))
                    .set(u.PROFILE_DATA, DSL.excluded(u.PROFILE_DATA)));
            for (UserRecord user : step.changedUsers()) {
                batch.bind(id, user.platformUuid(), user.ordinal(), user.userType(), user.profileName(),
                        user.active(), user.lastSeenMicros(), user.state());
            }
            batch.execute();
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
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("[{}] cannot renew the lease in {}: {}", lease.getKey(), location, describe(e));
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
     * Runs {@code op}, retrying transient failures as the policy says. Our own {@link StateStoreException}s pass
     * through; other failures become one, with the password scrubbed.
     */
    private <T> T retrying(String what, Supplier<T> op) {
        long start = clock.millis();
        for (int attempt = 1; ; attempt++) {
            try {
                return op.get();
            } catch (StateStoreException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!(e instanceof Contended) && !RetryPolicy.isTransient(e)) {
                    throw failure("cannot " + what + " in " + location + ": " + describe(e), e);
                }
                if (attempt >= retry.maxAttempts()) {
                    throw failure("cannot " + what + " in " + location + ": still failing after " + attempt
                            + " attempts over " + String.format(java.util.Locale.ROOT, "%.1f",
                            (clock.millis() - start) / 1000.0) + " s (transient errors are retried with capped"
                            + " exponential back-off): " + describe(e), e);
                }
                Duration wait = retry.delayAfter(attempt);
                LOG.warn("cannot {} in {} (attempt {} of {}): {}; retrying in {} ms", what, location, attempt,
                        retry.maxAttempts(), describe(e), wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while retrying to " + what + " in " + location, e);
                }
            }
        }
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
        return scrub(m);
    }

    private HikariConfig poolConfig(Builder b) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("synth-" + INSTANCES.get());
        c.setJdbcUrl(b.uri.jdbcUrl());
        b.uri.user().ifPresent(c::setUsername);
        b.uri.password().ifPresent(c::setPassword);
        c.setConnectionTimeout(b.connectionTimeout.toMillis());
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
            if (dialect == SQLDialect.POSTGRES) {
                c.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
        }
        return c;
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
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();
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

        /** How transient errors are retried; default {@link RetryPolicy#DEFAULT}. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
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
