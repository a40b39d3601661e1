-- a migration of a future synth version, applied by FaultsTest to make the schema newer than the code
CREATE TABLE future_table (id BIGINT NOT NULL);
