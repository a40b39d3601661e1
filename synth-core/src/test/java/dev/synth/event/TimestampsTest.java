package dev.synth.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    @DisplayName("formats like the reference: microseconds and a literal Z")
    void format() {
        assertThat(Timestamps.format(Micros.of(Instant.parse("2000-01-01T00:00:00Z"))))
                .isEqualTo("2000-01-01T00:00:00.000000Z");
        assertThat(Timestamps.format(Micros.of(Instant.parse("2020-02-29T23:59:59.123456Z"))))
                .isEqualTo("2020-02-29T23:59:59.123456Z");
    }

    @Property(tries = 2000)
    @Label("agrees with java.time for any time between 1900 and 2200")
    void agreesWithJavaTime(@ForAll @LongRange(min = -2_208_988_800_000_000L, max = 7_258_118_400_000_000L) long micros) {
        assertThat(Timestamps.format(micros)).isEqualTo(REFERENCE.format(Micros.toInstant(micros)));
    }

    @Test
    @DisplayName("weekday and hour are UTC (D3); 2000-01-01 was a Saturday")
    void calendar() {
        long t = Micros.of(Instant.parse("2000-01-01T13:30:00Z"));
        assertThat(Micros.dayOfWeek(t)).isEqualTo(5);
        assertThat(Micros.hourOfDay(t)).isEqualTo(13);
    }
}
