package dev.synth.user;

import dev.synth.event.Props;
import dev.synth.random.FakeData;
import dev.synth.random.SimRandom;
import dev.synth.time.Residence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a user's personal data (reference 3.1.4): fake name and e-mail, a country with its time zone,
 * region and city from a small fixed table, and profession, workplace, experience, language and education
 * drawn from fixed lists. The zipcode is derived from the city and the user's stream (D4), so it never
 * changes between runs.
 */
public final class UserData {
    private record Country(String code, String timezone, List<Region> regions) {
    }

    private record Region(String name, List<String> cities) {
    }

    private static final List<Country> COUNTRIES = List.of(
            new Country("CN", "+0800", List.of(new Region("Huabei", List.of("Beijing", "Tianjin")),
                    new Region("Huadong", List.of("Shanghai", "Nanjing")))),
            new Country("IN", "+0530", List.of(new Region("Uttar Pradesh", List.of("Varanasi", "Kanpur")),
                    new Region("Rajasthan", List.of("Jaipur")))),
            new Country("ZA", "+0200", List.of(new Region("Western Cape", List.of("Cape Town")))),
            new Country("MY", "+0800", List.of(new Region("Central Region", List.of("Kuala Lumpur")),
                    new Region("Northern Region", List.of("Penang")))),
            new Country("MA", "+0000", List.of(new Region("Marrakech-Safi", List.of("Marrakech")),
                    new Region("Souss-Massa", List.of("Agadir")))),
            new Country("ID", "+0700", List.of(new Region("West Java", List.of("Bekasi")),
                    new Region("West Kalimantan", List.of("Ketapang")))),
            new Country("ET", "+0300", List.of(new Region("Somali Region", List.of("Jijiga")),
                    new Region("Harari Region", List.of("Harar")))));

    private static final List<String> LANGUAGES = List.of("de", "en", "es", "fr", "ru", "zh");
    private static final List<String> PROFESSIONS = List.of("health worker", "student", "doctor", "nurse");
    private static final List<String> WORKPLACES =
            List.of("hospital", "primary healthcare center", "secondary healthcare center");
    private static final List<String> EXPERIENCES = List.of("student", "amateur", "professional");
    private static final List<String> EDUCATION_LEVELS = List.of("primary", "lower_secondary", "upper_secondary",
            "non_tertiary", "tertiary", "bachelors", "masters", "doctorate");

    /** The 14 keys of generated user data, in output order. */
    public static final List<String> KEYS = List.of("platform_uuid", "email", "name", "country", "timezone",
            "region_state", "city", "language", "zipcode", "profession", "workplace", "experience", "organization",
            "education_level");

    private UserData() {
    }

    /** Generates the data of one user; a pure function of the stream's state and the fake-data seed. */
    public static Map<String, Object> generate(String platformUuid, SimRandom random, FakeData fake) {
        Country country = random.pick(COUNTRIES);
        Region region = random.pick(country.regions());
        String city = random.pick(region.cities());
        fake.reseed(random.nextLong());
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        data.put("platform_uuid", platformUuid);
        data.put("email", fake.email());
        data.put("name", fake.name());
        data.put("country", country.code());
        data.put("timezone", country.timezone());
        data.put("region_state", region.name());
        data.put("city", city);
        data.put("language", random.pick(LANGUAGES));
        data.put("zipcode", Integer.toString(10000 + random.nextInt(90000)));
        data.put("profession", random.pick(PROFESSIONS));
        data.put("workplace", random.pick(WORKPLACES));
        data.put("experience", random.pick(EXPERIENCES));
        data.put("organization", fake.name());
        data.put("education_level", random.pick(EDUCATION_LEVELS));
        return Props.wrap(data);
    }

    /**
     * The data of a user moved to {@code residence}: {@code timezone} becomes its zone id and {@code country} the
     * zone's country; region and city are drawn from {@code random} (the residence's own stream, so no other field
     * changes) out of the fixed table when it has that country, otherwise the region is empty and the city is the
     * zone's example city ("New York"). Every other field is kept, in the same order.
     */
    public static Map<String, Object> relocate(Map<String, Object> data, Residence residence, SimRandom random) {
        String region = "";
        String city = residence.city();
        for (Country c : COUNTRIES) {
            if (c.code().equals(residence.country())) {
                Region r = random.pick(c.regions());
                region = r.name();
                city = random.pick(r.cities());
                break;
            }
        }
        LinkedHashMap<String, Object> moved = new LinkedHashMap<>(data);
        moved.put("country", residence.country());
        moved.put("timezone", residence.zone().getId());
        moved.put("region_state", region);
        moved.put("city", city);
        return Props.wrap(moved);
    }
}
