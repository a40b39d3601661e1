package dev.synth.random;

import java.util.Locale;
import java.util.Random;
import net.datafaker.providers.base.BaseFaker;

/**
 * Deterministic fake text (names, e-mail addresses, sentences, URLs) for catalog entries and user data, built on
 * Datafaker with a pinned locale ({@code en-US}) and a seeded {@link Random} (DECISIONS D1).
 *
 * <p><b>Contract.</b> After {@link #reseed(long)}, the values returned by the following calls are a pure function
 * of the seed and of the sequence of calls made since: the same seed and the same calls give the same values on
 * every JVM and every run, whatever was drawn before the reseed. Callers therefore reseed with a seed derived from
 * {@link RandomStreams#derive(long...)} (for example from the purpose, the catalog type and the entry's index)
 * before generating one entity, which keeps every entity independent of all others. A fresh instance behaves as
 * if {@code reseed(0)} had been called.
 *
 * <p>The exact strings depend on the Datafaker version; a golden test pins them so that an upgrade that changes
 * them is noticed.
 *
 * <p><b>Threading and lifecycle.</b> Not thread-safe. Building the underlying faker is expensive (it loads the
 * locale's data files), so make one instance per simulation (or per thread) and reuse it; {@link #reseed(long)}
 * is cheap.
 */
public final class FakeData {
    private final Random random;
    private final BaseFaker faker;

    /** A faker in state {@code reseed(0)}. */
    public FakeData() {
        this(0L);
    }

    /** A faker in state {@code reseed(seed)}. */
    public FakeData(long seed) {
        this.random = new Random(seed);
        this.faker = new BaseFaker(Locale.US, random);
    }

    /**
     * Resets the generator so that the following calls depend only on {@code seed}.
     *
     * @return this instance, for chaining: {@code fake.reseed(s).sentence()}
     */
    public FakeData reseed(long seed) {
        random.setSeed(seed);
        return this;
    }

    /** A person's full name, e.g. {@code "Jane Doe"}; sometimes with a prefix or suffix ({@code "Mrs."}, {@code "Jr."}). */
    public String name() {
        return faker.name().fullName();
    }

    /** A first name. */
    public String firstName() {
        return faker.name().firstName();
    }

    /** A last name. */
    public String lastName() {
        return faker.name().lastName();
    }

    /** A syntactically valid e-mail address. */
    public String email() {
        return faker.internet().emailAddress();
    }

    /** A short sentence of lorem-ipsum words, capitalised and ending with a full stop. */
    public String sentence() {
        return faker.lorem().sentence();
    }

    /**
     * A site's home address: {@code http} or {@code https}, {@code www.}, a fake domain and a trailing slash, e.g.
     * {@code "https://www.schmidt-lowe.com/"} (the shape of the reference's fake URLs; no port, query or fragment).
     */
    public String url() {
        String scheme = random.nextBoolean() ? "https" : "http";
        return scheme + "://www." + faker.internet().domainName() + "/";
    }

    /** A single lower-case lorem-ipsum word. */
    public String word() {
        return faker.lorem().word();
    }

    /** A company name. */
    public String companyName() {
        return faker.company().name();
    }
}
