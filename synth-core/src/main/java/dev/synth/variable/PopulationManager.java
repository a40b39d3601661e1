package dev.synth.variable;

import dev.synth.config.PopulationConfig;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;

/**
 * The target size of the population, a bounded random walk updated once per day from the start of the run
 * (reference 4.3, exact rule). Each day draws from its own stream keyed by the day's boundary, so the walk
 * does not depend on how the run is split into parts (D2).
 */
public final class PopulationManager extends DailyVariableManager<RandomStreams> {
    private static final long STREAM_KEY = RandomStreams.key("population");

    private final PopulationConfig config;
    private long current;

    public PopulationManager(PopulationConfig config, long startMicros, long current) {
        super(startMicros);
        this.config = config;
        this.current = current;
    }

    @Override
    public String name() {
        return "population";
    }

    /** The population the driver maintains today. */
    public long current() {
        return current;
    }

    @Override
    protected void update(long atMicros, RandomStreams streams) {
        current = next(current, config, streams.stream(STREAM_KEY, atMicros));
    }

    /** One day of the walk. */
    public static long next(long population, PopulationConfig config, SimRandom random) {
        long min = config.targetMinCount();
        long max = config.targetMaxCount();
        if (max <= min) {
            return min;
        }
        double r = (double) (population - min) / (max - min);
        double pUp;
        if (r > 0.2 && r < 0.5) {
            pUp = 0.4;
        } else if (r > 0.5 && r < 0.8) {
            pUp = 0.6;
        } else {
            pUp = 1 - r;
        }
        double c = random.nextDouble() < pUp ? 1 - r : -r;
        return population + (long) Math.rint(random.nextDouble() * (max - min) * config.volatility() * c);
    }
}
