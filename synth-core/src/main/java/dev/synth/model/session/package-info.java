/**
 * The reference's session users (reference 3.1, 3.2): {@link dev.synth.model.session.SessionEngagementUser},
 * {@link dev.synth.model.session.EventPerPeriodUser}, the content blocks they share
 * ({@link dev.synth.model.session.EventBlocks}) and random resurrection
 * ({@link dev.synth.model.session.ResurrectionExtension}).
 */
package dev.synth.model.session;
