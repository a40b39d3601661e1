package dev.synth.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.Micros;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Hour slots in every zone the JDK knows, at any time between 1970 and 2040. */
class LocalCalendarPropertiesTest {
    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    private static final List<Double> EVEN = Collections.nCopies(24, 1.0);

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    @Property(tries = 2000)
    @Label("the same holds for days that contain a change of the zone's offset (daylight saving and others)")
    void slotsAroundTransitions(@ForAll("zones") String zoneId,
            @ForAll @LongRange(min = 0, max = 2_208_988_800L) long fromSecond,
            @ForAll @LongRange(min = 0, max = 24 * 3600 - 1) long secondsBefore) {
        java.time.zone.ZoneOffsetTransition next =
                ZoneId.of(zoneId).getRules().nextTransition(java.time.Instant.ofEpochSecond(fromSecond));
        long start = next == null ? fromSecond : next.getInstant().getEpochSecond() - secondsBefore;
        slotsTileTheDay(zoneId, Math.max(0, start));
    }

    @Property(tries = 2000)
    @Label("a day's hour slots tile it, each lies in one local hour, and whole local hours weigh 1 however long they last")
    void slotsTileTheDay(@ForAll("zones") String zoneId,
            @ForAll @LongRange(min = 0, max = 2_208_988_800L) long fromSecond) {
        LocalCalendar calendar = LocalCalendar.of(ZoneId.of(zoneId));
        long from = fromSecond * Micros.PER_SECOND;
        long to = from + Micros.PER_DAY;
        LocalCalendar.HourSlots slots = calendar.hourSlots(from, to, EVEN);
        long at = from;
        double total = 0;
        for (int i = 0; i < slots.size(); i++) {
            assertThat(slots.start(i)).isEqualTo(at);
            long last = slots.start(i) + slots.length(i) - 1;
            assertThat(calendar.localDateTime(last).withMinute(0).withSecond(0).withNano(0))
                    .isEqualTo(calendar.localDateTime(slots.start(i)).withMinute(0).withSecond(0).withNano(0));
            assertThat(calendar.date(slots.start(i)).toEpochDay()).isEqualTo(slots.localEpochDay(i));
            assertThat(slots.weight(i)).isPositive().isLessThanOrEqualTo(slots.length(i) / (double) Micros.PER_HOUR + 1e-9);
            total += slots.weight(i);
            at += slots.length(i);
        }
        assertThat(at).isEqualTo(to);
        // 24 hours of instants show between 22 (a two-hour fall-back) and 24 distinct local hours' worth of weight.
        assertThat(total).isBetween(22.0 - 1e-9, 24.0 + 1e-9);
    }
}
