/**
 * Shopping (reference 3.3): {@link dev.synth.model.commerce.PurchaseEngagementUser} and the simulation-wide side,
 * {@link dev.synth.model.commerce.CommerceExtension} (promotions, payment, delivery, cancellation, ratings).
 */
package dev.synth.model.commerce;
