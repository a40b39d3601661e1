package dev.synth.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.synth.event.Micros;
import dev.synth.random.SimRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A local calendar")
class LocalCalendarTest {
    private static final LocalCalendar KOLKATA = LocalCalendar.of(ZoneId.of("Asia/Kolkata"));
    private static final LocalCalendar NEW_YORK = LocalCalendar.of(ZoneId.of("America/New_York"));
    private static final List<Double> EVEN = Collections.nCopies(24, 1.0);

    private static long micros(String instant) {
        return Micros.of(Instant.parse(instant));
    }

    @Test
    @DisplayName("gives the local hour, date and weekday of an instant")
    void localFields() {
        long t = micros("2026-12-24T20:00:00Z");
        assertThat(KOLKATA.hourOfDay(t)).isEqualTo(1);
        assertThat(KOLKATA.date(t)).isEqualTo(LocalDate.of(2026, 12, 25));
        assertThat(KOLKATA.dayOfWeek(t)).isEqualTo(4); // Friday
        assertThat(NEW_YORK.hourOfDay(t)).isEqualTo(15);
        assertThat(NEW_YORK.date(t)).isEqualTo(LocalDate.of(2026, 12, 24));
    }

    @Test
    @DisplayName("weighs a day of a half-hour zone by whole local hours: the pieces of one local hour add up to its weight")
    void halfHourZone() {
        List<Double> weights = IntStream.range(0, 24).mapToObj(h -> (double) h).toList();
        long from = micros("2026-06-10T00:00:00Z");
        LocalCalendar.HourSlots slots = KOLKATA.hourSlots(from, from + Micros.PER_DAY, weights);
        double total = 0;
        for (int i = 0; i < slots.size(); i++) {
            int hour = KOLKATA.hourOfDay(slots.start(i));
            assertThat(KOLKATA.hourOfDay(slots.start(i) + slots.length(i) - 1)).as("one local hour per slot")
                    .isEqualTo(hour);
            assertThat(slots.weight(i)).isCloseTo(hour * slots.length(i) / (double) Micros.PER_HOUR, within(1e-9));
            total += slots.weight(i);
        }
        assertThat(total).isCloseTo(IntStream.range(0, 24).sum(), within(1e-9));
    }

    @Test
    @DisplayName("has no instant in the hour a spring-forward skips, and draws no start there")
    void springForward() {
        // 2026-03-08 02:00 EST -> 03:00 EDT
        long from = micros("2026-03-08T05:00:00Z"); // local midnight EST; the local day ends 23 hours later
        LocalCalendar.HourSlots slots = NEW_YORK.hourSlots(from - Micros.PER_HOUR, from + Micros.PER_DAY, EVEN);
        double onTheDay = 0;
        for (int i = 0; i < slots.size(); i++) {
            assertThat(NEW_YORK.localDateTime(slots.start(i)).toLocalTime()).isNotEqualTo(LocalTime.of(2, 0));
            if (NEW_YORK.date(slots.start(i)).equals(LocalDate.of(2026, 3, 8))) {
                onTheDay += slots.weight(i);
            }
        }
        assertThat(onTheDay).as("the 23-hour day has 23 hours of weight").isCloseTo(23.0, within(1e-9));
        SimRandom random = new dev.synth.random.RandomStreams(1).stream(1);
        for (int i = 0; i < 20_000; i++) {
            long t = slots.draw(random);
            if (NEW_YORK.date(t).equals(LocalDate.of(2026, 3, 8))) {
                assertThat(NEW_YORK.hourOfDay(t)).isNotEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("gives the hour a fall-back repeats its single weight, half to each occurrence")
    void fallBack() {
        // 2026-11-01 02:00 EDT -> 01:00 EST: local 01:00-02:00 happens twice
        long from = micros("2026-11-01T04:00:00Z"); // local midnight EDT
        LocalCalendar.HourSlots slots = NEW_YORK.hourSlots(from, from + 25 * Micros.PER_HOUR, EVEN);
        double hourOne = 0;
        int pieces = 0;
        double total = 0;
        for (int i = 0; i < slots.size(); i++) {
            total += slots.weight(i);
            if (NEW_YORK.hourOfDay(slots.start(i)) == 1) {
                hourOne += slots.weight(i);
                pieces++;
                assertThat(slots.weight(i)).isCloseTo(0.5, within(1e-9));
            }
        }
        assertThat(pieces).isEqualTo(2);
        assertThat(hourOne).isCloseTo(1.0, within(1e-9));
        assertThat(total).as("the 25-hour day has 24 hours of weight").isCloseTo(24.0, within(1e-9));
    }

    @Test
    @DisplayName("draws starts whose local-hour histogram follows the weights, in a zone with a half-hour offset")
    void drawsFollowWeights() {
        List<Double> weights = new ArrayList<>(Collections.nCopies(24, 0.0));
        weights.set(9, 1.0);
        weights.set(20, 3.0);
        SimRandom random = new dev.synth.random.RandomStreams(7).stream(7);
        int[] hist = new int[24];
        long from = micros("2026-01-05T03:17:00Z");
        for (int day = 0; day < 200; day++) {
            LocalCalendar.HourSlots slots = KOLKATA.hourSlots(from, from + Micros.PER_DAY, weights);
            for (int i = 0; i < 50; i++) {
                hist[KOLKATA.hourOfDay(slots.draw(random))]++;
            }
            from += Micros.PER_DAY;
        }
        assertThat(hist[9] + hist[20]).isEqualTo(10_000);
        assertThat(hist[20] / 10_000.0).isCloseTo(0.75, within(0.02));
    }

    @Test
    @DisplayName("puts a local time of day 23 and 25 hours apart across daylight saving changes")
    void dailyBoundaries() {
        LocalTime at = LocalTime.of(10, 0);
        long before = micros("2026-03-07T15:00:00Z"); // 10:00 EST
        long next = NEW_YORK.nextTimeOfDay(before, at);
        assertThat(Duration.ofNanos((next - before) * 1000)).isEqualTo(Duration.ofHours(23));
        long autumn = micros("2026-10-31T14:00:00Z"); // 10:00 EDT
        assertThat(Duration.ofNanos((NEW_YORK.nextTimeOfDay(autumn, at) - autumn) * 1000))
                .isEqualTo(Duration.ofHours(25));
        assertThat(NEW_YORK.lastTimeOfDayBefore(next, at)).isEqualTo(before);
        // 02:30 does not exist on 2026-03-08: the instant after the gap, 03:30 EDT
        long skipped = NEW_YORK.nextTimeOfDay(micros("2026-03-08T05:00:00Z"), LocalTime.of(2, 30));
        assertThat(Micros.toInstant(skipped)).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }
}
