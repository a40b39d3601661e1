/**
 * The reference's models, as plug-ins: they reach the engine only through the routes a host application uses -
 * {@link dev.synth.user.UserTypeProvider user type providers} and
 * {@link dev.synth.engine.DriverExtensionProvider driver extensions}, listed in synth-core's
 * {@code META-INF/services} - and no class outside these packages names them ({@code ArchitectureTest}).
 * <ul>
 *   <li>{@link dev.synth.model.session}: session-engagement and event-per-period users, the content event
 *       blocks, random resurrection;</li>
 *   <li>{@link dev.synth.model.commerce}: purchase-engagement users, promotions and order follow-ups;</li>
 *   <li>{@link dev.synth.model.nudge}: nudge checks and responses, nudge-based resurrection, the nudge API.</li>
 * </ul>
 */
package dev.synth.model;
