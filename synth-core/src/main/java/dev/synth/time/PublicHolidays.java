package dev.synth.time;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The nation-wide public holidays of a country, from the maintained holiday library Jollyday (its own data files,
 * read by its Jackson parser) - no holiday table is kept in this project. Only holidays of type "public holiday" that
 * Jollyday lists for the whole country count; regional ones (an Indian state's Christmas, a German state's Epiphany)
 * and observances do not. A moved holiday counts on the day it is observed (US Christmas on a Saturday is observed on
 * the Friday before).
 *
 * <p>A pure function of (country, date): answers are computed once per country and year and cached. Thread-safe.
 */
public final class PublicHolidays {
    private static final PublicHolidays JOLLYDAY = new PublicHolidays();

    private final Set<String> supported;
    private final Map<String, Set<LocalDate>> byCountryYear = new ConcurrentHashMap<>();

    private PublicHolidays() {
        supported = HolidayManager.getSupportedCalendarCodes().stream()
                .map(code -> code.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The shared instance backed by Jollyday's calendars. */
    public static PublicHolidays jollyday() {
        return JOLLYDAY;
    }

    /** Whether there is a holiday calendar for the country (ISO 3166-1 alpha-2, e.g. {@code US}). */
    public boolean hasCalendar(String country) {
        return supported.contains(country);
    }

    /**
     * Whether {@code date} is a nation-wide public holiday in {@code country}; false for a country without a
     * calendar (see {@link #hasCalendar}) or an empty country.
     */
    public boolean isHoliday(String country, LocalDate date) {
        if (!hasCalendar(country)) {
            return false;
        }
        return byCountryYear.computeIfAbsent(country + ":" + date.getYear(), key -> load(country, date.getYear()))
                .contains(date);
    }

    private static Set<LocalDate> load(String country, int year) {
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
        // A holiday of the next or previous year may be observed in this one (New Year's Day on a Saturday).
        return java.util.stream.IntStream.rangeClosed(year - 1, year + 1).boxed()
                .flatMap(y -> manager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY).stream())
                .map(Holiday::getDate).filter(d -> d.getYear() == year)
                .collect(Collectors.toUnmodifiableSet());
    }
}
