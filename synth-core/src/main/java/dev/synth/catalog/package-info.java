/**
 * Catalogs: the pages, media, shop items, modules, exams, questions, milestones and promotions users interact with
 * (reference 2.11, 5.4, 8).
 *
 * <ul>
 *   <li>{@link dev.synth.catalog.CatalogItem} - one entry: type, uuid and its ordered, immutable fields, with
 *       JSON conversion to and from {@link dev.synth.spi.CatalogRecord}.</li>
 *   <li>{@link dev.synth.catalog.CatalogGenerator} - random entries per type (reference 8.1).</li>
 *   <li>{@link dev.synth.catalog.PredefinedCatalogs} - shop items given as CSV files (reference 8.2).</li>
 *   <li>{@link dev.synth.catalog.CatalogCache} - all entries of a run, warm-up and the sampling helpers
 *       (reference 8.3).</li>
 * </ul>
 *
 * <h2>Rules chosen where the reference is silent or differs</h2>
 * <ul>
 *   <li><b>Deterministic entries</b> (D1, D2): entry N of a type depends only on the master seed, the type and N
 *       (see {@link dev.synth.catalog.CatalogGenerator}). Raising a {@code target_count} later creates exactly the
 *       entries a fresh run would have had at those positions.</li>
 *   <li><b>Inclusive ranges</b> (D12): media lengths, module and exam durations, question counts and market ids
 *       include both ends.</li>
 *   <li><b>Milestone top-up</b>: the reference restarts the score sequence at 50 when it tops milestones up; here
 *       milestone N always requires 50 x 1.5^N, so a top-up continues the sequence.</li>
 *   <li><b>Predefined CSV</b>: a missing directory or file means no predefined entries (the reference fails when the
 *       base directory is missing); an empty cell is generated like a missing column (the reference would keep an
 *       empty string); a file for a type that cannot be predefined, an unknown column, a row with the wrong number
 *       of cells or an unclosed quote is a {@link dev.synth.ConfigException} naming the file and line; blank lines
 *       are skipped.</li>
 *   <li><b>Values kept from the reference</b>: prices are {@code U * 100} unrounded; module and exam
 *       {@code duration} are whole seconds stored as integers; media {@code length} is a double; blood, oxygen and
 *       medical equipment {@code supplier_id} are fake sentences, as in the reference.</li>
 *   <li><b>JSON text</b>: compact (no spaces after separators), fields in order, non-ASCII escaped as in the
 *       reference, doubles in Java's shortest round-trip form (so {@code 4.32E7} rather than Python's
 *       {@code 43200000.0}).</li>
 *   <li><b>Uniqueness</b>: a uuid may appear only once in a cache; adding a second entry with it is an error.</li>
 *   <li><b>Promotions</b>: warm-up keeps stored promotions; dropping expired ones needs the current time, so the
 *       caller invokes {@link dev.synth.catalog.CatalogCache#dropExpiredPromos(java.time.Instant)}.</li>
 * </ul>
 */
package dev.synth.catalog;
