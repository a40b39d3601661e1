-- synth state schema, version 1. Portable SQL: the same script runs on SQLite, PostgreSQL and MariaDB, and the
-- jOOQ classes are generated from it at build time. Applied by the library with its own history table
-- (synth_schema_history), so it can share a database with the host application.
--
-- The reference's three tables (reference 6.1, both of its migrations), corrected:
--   * users and catalog entries are keyed by (driver_meta_id, platform_uuid): unique, and the upsert key;
--   * platform_uuid is VARCHAR(48) everywhere;
--   * is_active is a real boolean with a real default, and an index serves "load this run's active users";
--   * times are epoch microseconds (BIGINT): exact, time-zone free, the same on every database;
-- plus what an exact resume needs (DECISIONS D1, D8-D11): the run's seed, the committed output positions, the
-- engine's pending work (driver_data), each user's ordinal, type, profile and full state, the creation order of
-- catalog entries - and a lease that keeps a second process off a run that is being simulated.

CREATE TABLE driver_meta (
    id                     BIGINT       NOT NULL,
    organisation           VARCHAR(64)  NOT NULL,
    project                VARCHAR(64)  NOT NULL,
    -- the run's master seed; NULL until the first step is committed
    seed                   BIGINT       NULL,
    -- simulated time the last committed step ended at; NULL: no step committed yet
    last_seen_micros       BIGINT       NULL,
    -- the engine's own state: population, counters, events scheduled but not yet emitted
    driver_data            JSON         NULL,
    -- each output's committed position, by sink name (e.g. CSV byte offsets)
    sink_positions         JSON         NULL,
    -- concurrency guard: who is simulating this run, and when it last said so (wall clock, epoch millis)
    lease_owner            VARCHAR(200) NULL,
    lease_heartbeat_millis BIGINT       NULL,
    PRIMARY KEY (id),
    CONSTRAINT organisation_project_constraint UNIQUE (organisation, project)
);

CREATE TABLE synthetic_user (
    driver_meta_id   BIGINT       NOT NULL,
    platform_uuid    VARCHAR(48)  NOT NULL,
    -- creation order within the run; keys the user's random streams
    ordinal          BIGINT       NOT NULL,
    type             VARCHAR(64)  NOT NULL,
    profile_name     VARCHAR(128) NOT NULL,
    is_active        BOOLEAN      DEFAULT TRUE NOT NULL,
    last_seen_micros BIGINT       NOT NULL,
    -- the user's whole state (profile data, personal data, managers, schedule window), written by the engine
    profile_data     JSON         NOT NULL,
    PRIMARY KEY (driver_meta_id, platform_uuid),
    CONSTRAINT synthetic_user_driver_meta_fk FOREIGN KEY (driver_meta_id) REFERENCES driver_meta (id)
);

CREATE INDEX synthetic_user_active_idx ON synthetic_user (driver_meta_id, is_active, ordinal);

CREATE TABLE catalog_entry (
    driver_meta_id   BIGINT       NOT NULL,
    platform_uuid    VARCHAR(48)  NOT NULL,
    -- creation order within the run: entries are reloaded in this order, never regenerated
    creation_order   BIGINT       NOT NULL,
    type             VARCHAR(64)  NOT NULL,
    data             JSON         NOT NULL,
    PRIMARY KEY (driver_meta_id, platform_uuid),
    CONSTRAINT catalog_entry_driver_meta_fk FOREIGN KEY (driver_meta_id) REFERENCES driver_meta (id)
);

CREATE INDEX catalog_entry_order_idx ON catalog_entry (driver_meta_id, creation_order);
