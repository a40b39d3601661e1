/**
 * The SQL {@link dev.synth.spi.StateStore}: {@link dev.synth.persistence.jooq.JooqStateStore} keeps resumable
 * simulations in SQLite, PostgreSQL or MariaDB through jOOQ, over tables that the library's own Flyway
 * migrations create; {@link dev.synth.persistence.jooq.JooqStateStoreProvider} opens it for a
 * {@code global.db_uri}. The {@code internal} package holds the jOOQ classes generated from the migrations.
 */
package dev.synth.persistence.jooq;
