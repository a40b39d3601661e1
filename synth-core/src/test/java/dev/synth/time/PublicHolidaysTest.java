package dev.synth.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Public holidays from Jollyday")
class PublicHolidaysTest {
    private final PublicHolidays holidays = PublicHolidays.jollyday();

    @Test
    @DisplayName("include Christmas in the US and Germany but not in India, where only some states keep it")
    void christmas() {
        LocalDate christmas = LocalDate.of(2026, 12, 25);
        assertThat(holidays.isHoliday("US", christmas)).isTrue();
        assertThat(holidays.isHoliday("DE", christmas)).isTrue();
        assertThat(holidays.isHoliday("IN", christmas)).isFalse();
        assertThat(holidays.isHoliday("IN", LocalDate.of(2026, 1, 26))).as("Republic Day").isTrue();
        assertThat(holidays.isHoliday("US", LocalDate.of(2026, 12, 23))).isFalse();
    }

    @Test
    @DisplayName("count a moved holiday on the day it is observed, also across a year end")
    void observed() {
        // 2026-07-04 is a Saturday: observed on Friday 3 July
        assertThat(holidays.isHoliday("US", LocalDate.of(2026, 7, 3))).isTrue();
        // 2022-01-01 was a Saturday: observed on Friday 2021-12-31
        assertThat(holidays.isHoliday("US", LocalDate.of(2021, 12, 31))).isTrue();
    }

    @Test
    @DisplayName("are none for a country without a calendar or an empty country")
    void noCalendar() {
        assertThat(holidays.hasCalendar("US")).isTrue();
        assertThat(holidays.hasCalendar("ZZ")).isFalse();
        assertThat(holidays.isHoliday("", LocalDate.of(2026, 12, 25))).isFalse();
    }
}
