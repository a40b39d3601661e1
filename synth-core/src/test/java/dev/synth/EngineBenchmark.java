package dev.synth;

import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.EventSink;
import dev.synth.testing.ExampleConfigs;
import java.time.Instant;
import java.util.List;

/**
 * Developer tool, not a test: how fast the engine alone generates events (no output).
 * {@code java -cp <test classpath> dev.synth.EngineBenchmark [users] [days] [local]}; {@code local} puts every profile
 * in three time zones with holidays on (issue 15), to compare with the UTC path.
 */
public final class EngineBenchmark {
    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SimulationConfig config = ExampleConfigs.mixedPopulation(users).toBuilder()
                .population(p -> p.initialCount(users).targetMinCount(users).targetMaxCount(users).volatility(0))
                .build();
        if (args.length > 2 && args[2].equals("local")) {
            SimulationConfig.Builder local = config.toBuilder();
            config.profiles().values().forEach(p -> local.addProfile(p.toBuilder().holidayActivityFactor(0.3)
                    .timeZones(java.util.Map.of("Asia/Kolkata", 0.5, "Europe/Berlin", 0.3, "America/New_York", 0.2))
                    .build()));
            config = local.build();
        }
        long[] count = {0};
        EventSink counting = new EventSink() {
            @Override
            public String name() {
                return "count";
            }

            @Override
            public void write(List<LogEvent> logs, List<CatalogEvent> catalogs) {
                count[0] += logs.size();
            }
        };
        SimulationResult r = Simulation.builder().config(config).seed(1).addSink(counting)
                .end(Instant.parse("2000-01-01T00:00:00Z").plusSeconds(days * 86_400L)).build().run();
        System.out.println(r.summary());
    }
}
