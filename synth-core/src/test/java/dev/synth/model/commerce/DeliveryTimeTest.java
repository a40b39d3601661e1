package dev.synth.model.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.Micros;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeliveryTimeTest {
    @Test
    @DisplayName("D21: a delivery is never earlier than checkout + 1000 s; non-urgent ones fall on weekdays 08:00-20:00")
    void deliveryTimes() {
        SimRandom draws = new RandomStreams(3).stream(1);
        long base = Micros.of(Instant.parse("2001-01-01T00:00:00Z"));
        int early = 0;
        for (int i = 0; i < 20_000; i++) {
            long checkout = base + (long) (draws.nextDouble() * 28 * Micros.PER_DAY);
            boolean urgent = i % 4 == 0;
            OrderPlaced order = new OrderPlaced("o" + i, "u", "d", 0, checkout, true, urgent, false, 0, 10, List.of(),
                    i % 11);
            long delivery = CommerceExtension.deliveryTime(order, new RandomStreams(5).stream(i));
            assertThat(delivery).isGreaterThanOrEqualTo(checkout + 1000 * Micros.PER_SECOND);
            if (!urgent) {
                assertThat(Micros.dayOfWeek(delivery)).isLessThan(5);
                assertThat(Micros.hourOfDay(delivery)).isBetween(8, 19);
                // the reference's ideal time before the 08:00 truncation: short delays used to crash it
                if (delivery - checkout < 12 * Micros.PER_HOUR) {
                    early++;
                }
            }
        }
        assertThat(early).as("short delays happen and are handled").isPositive();
    }
}
