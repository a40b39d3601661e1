package dev.synth.model.commerce;

import dev.synth.user.Window;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message a purchase user {@link Window#signal signals} when a successful checkout is placed: everything the
 * simulation needs to follow the order up (reference 3.3.8) - the payment method, the delivery schedule and its
 * updates, then the delivery with its ratings or the cancellation with its refund. Handled by
 * {@link dev.synth.model.commerce.CommerceExtension}.
 *
 * @param orderId              the order's id (the checkout event's {@code id})
 * @param userId               the user's platform uuid
 * @param deviceId             the user's device id
 * @param userOrdinal          the user's ordinal (orders the follow-up events among others at the same time)
 * @param checkoutMicros       when the checkout happened
 * @param online               the checkout's online flag, carried by the payment and schedule events
 * @param urgent               an urgent order is delivered within 1-5 hours, at any time of day
 * @param willBeCancelled      the order is cancelled (type {@code order}) before its delivery, and refunded
 * @param updateCount          number of {@code schedule_delivery update} events
 * @param total                the order's total price (unrounded), refunded on cancellation
 * @param items                the order's items as {@code {id, type}} maps, sorted by id
 * @param deliveryDelayMaxDays the user's {@code behaviour.schedule.delivery_delay_max_days}
 */
public record OrderPlaced(String orderId, String userId, String deviceId, long userOrdinal, long checkoutMicros,
        boolean online, boolean urgent, boolean willBeCancelled, int updateCount, double total,
        List<Map<String, Object>> items, int deliveryDelayMaxDays) {
    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        items = List.copyOf(items);
    }
}
