package dev.synth.user;

import dev.synth.event.Props;
import dev.synth.random.FakeData;
import dev.synth.random.SimRandom;
import dev.synth.time.Residence;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Generates a user's personal data (reference 3.1.4): fake name and e-mail, a country with its time zone,
 * region and city from a small fixed table, and profession, workplace, experience, language and education
 * drawn from fixed lists. The zipcode is derived from the city and the user's stream (D4), so it never
 * changes between runs.
 *
 * <p>Names, e-mail addresses and organisations are composed from {@link Pools} of fake first names, last
 * names and mail domains built once per run from the seed, not by a fake-data expression per user: creating a
 * million users then takes seconds, not minutes.
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

    /**
     * Fake first names, last names and mail domains of one run, built once from a fake-data source (which the
     * caller seeds from the run's seed) and then only read: immutable and thread-safe.
     */
    public static final class Pools {
        /** Size of the first- and last-name pools: about 16 million distinct full names. */
        static final int NAMES = 4096;
        private static final int DOMAINS = 64;

        private final String[] firstNames;
        private final String[] lastNames;
        private final String[] domains;

        private Pools(String[] firstNames, String[] lastNames, String[] domains) {
            this.firstNames = firstNames;
            this.lastNames = lastNames;
            this.domains = domains;
        }

        /** Draws the pools from {@code fake}, which should be freshly seeded from the run's seed. */
        public static Pools build(FakeData fake) {
            String[] first = new String[NAMES];
            String[] last = new String[NAMES];
            for (int i = 0; i < NAMES; i++) {
                first[i] = fake.firstName();
                last[i] = fake.lastName();
            }
            String[] domains = new String[DOMAINS];
            for (int i = 0; i < DOMAINS; i++) {
                String email = fake.email();
                domains[i] = email.substring(email.indexOf('@') + 1);
            }
            return new Pools(first, last, domains);
        }

        private String first(long h) {
            return firstNames[(int) ((h >>> 1) % NAMES)];
        }

        private String last(long h) {
            return lastNames[(int) ((h >>> 17) % NAMES)];
        }

        /** A full name picked by the hash {@code h}. */
        String name(long h) {
            return first(h) + " " + last(h);
        }

        /** An e-mail address picked by the hash {@code h}: {@code first.last@domain}, sometimes with a number. */
        String email(long h) {
            StringBuilder b = new StringBuilder(40);
            localPart(b, first(h));
            b.append('.');
            localPart(b, last(h));
            if (((h >>> 33) & 3) == 0) {
                b.append((h >>> 35) % 100);
            }
            return b.append('@').append(domains[(int) ((h >>> 42) % DOMAINS)]).toString();
        }

        private static void localPart(StringBuilder b, String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = Character.toLowerCase(name.charAt(i));
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    b.append(c);
                }
            }
        }
    }

    /**
     * Generates the data of one user; a pure function of the stream's state and the pools. It takes as many
     * draws from {@code random} as it always did (the draw that once seeded a fake-data generator now picks the
     * names), so the user's other draws are unchanged.
     */
    public static Map<String, Object> generate(String platformUuid, SimRandom random, Pools pools) {
        Country country = random.pick(COUNTRIES);
        Region region = random.pick(country.regions());
        String city = random.pick(region.cities());
        long names = random.nextLong();
        long person = mix(names);
        long organisation = mix(names ^ 0x5DEECE66DL);
        String language = random.pick(LANGUAGES);
        int zipcode = 10000 + random.nextInt(90000);
        String profession = random.pick(PROFESSIONS);
        String workplace = random.pick(WORKPLACES);
        String experience = random.pick(EXPERIENCES);
        String education = random.pick(EDUCATION_LEVELS);
        return new Generated(platformUuid, pools, person, organisation, country.code(), country.timezone(),
                region.name(), city, language, zipcode, profession, workplace, experience, education);
    }

    /**
     * Generated user data as an immutable map of the {@link #KEYS} in their order, holding only what it was drawn
     * from (shared table strings, the pools and two hashes): the name, e-mail and organisation strings are composed
     * when read. A million users hold it between them in about 80 MB instead of about 400 MB.
     */
    private static final class Generated extends AbstractMap<String, Object> {
        private final String platformUuid;
        private final Pools pools;
        private final long person;
        private final long organisation;
        private final String country;
        private final String timezone;
        private final String region;
        private final String city;
        private final String language;
        private final int zipcode;
        private final String profession;
        private final String workplace;
        private final String experience;
        private final String education;

        Generated(String platformUuid, Pools pools, long person, long organisation, String country, String timezone,
                String region, String city, String language, int zipcode, String profession, String workplace,
                String experience, String education) {
            this.platformUuid = platformUuid;
            this.pools = pools;
            this.person = person;
            this.organisation = organisation;
            this.country = country;
            this.timezone = timezone;
            this.region = region;
            this.city = city;
            this.language = language;
            this.zipcode = zipcode;
            this.profession = profession;
            this.workplace = workplace;
            this.experience = experience;
            this.education = education;
        }

        /** The same data living elsewhere. */
        Generated movedTo(String country, String timezone, String region, String city) {
            return new Generated(platformUuid, pools, person, organisation, country, timezone, region, city, language,
                    zipcode, profession, workplace, experience, education);
        }

        /** The value of {@code KEYS.get(i)}. */
        private Object value(int i) {
            return switch (i) {
                case 0 -> platformUuid;
                case 1 -> pools.email(person);
                case 2 -> pools.name(person);
                case 3 -> country;
                case 4 -> timezone;
                case 5 -> region;
                case 6 -> city;
                case 7 -> language;
                case 8 -> Integer.toString(zipcode);
                case 9 -> profession;
                case 10 -> workplace;
                case 11 -> experience;
                case 12 -> pools.name(organisation);
                case 13 -> education;
                default -> throw new IndexOutOfBoundsException(i);
            };
        }

        @Override
        public Object get(Object key) {
            int i = KEYS.indexOf(key);
            return i < 0 ? null : value(i);
        }

        @Override
        public boolean containsKey(Object key) {
            return KEYS.contains(key);
        }

        @Override
        public int size() {
            return KEYS.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < KEYS.size();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= KEYS.size()) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(KEYS.get(i), value(i));
                        }
                    };
                }

                @Override
                public int size() {
                    return KEYS.size();
                }
            };
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
        if (data instanceof Generated generated) {
            return generated.movedTo(residence.country(), residence.zone().getId(), region, city);
        }
        LinkedHashMap<String, Object> moved = new LinkedHashMap<>(data);
        moved.put("country", residence.country());
        moved.put("timezone", residence.zone().getId());
        moved.put("region_state", region);
        moved.put("city", city);
        return Props.copyOf(moved); // compact, like generate's
    }
}
