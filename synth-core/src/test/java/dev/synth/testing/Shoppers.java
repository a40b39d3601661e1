package dev.synth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.EngagementConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Fixtures for purchase-engagement users, after the reference's driver tests (reference 9.3, 9.10). */
public final class Shoppers {
    public static final RunKey RUN = new RunKey("demo_org", "demo_proj");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Shoppers() {
    }

    /** The boring guy as a shopper: sessions at 03:00-04:00, purchase engagement fixed at 1.0. */
    public static ProfileConfig.Builder boringShopper() {
        return TestConfigs.boringGuy().userType("purchase_engagement").earlyStart()
                .purchaseEngagement(EngagementConfig.builder().initial(1, 1).changeProbability(0).build());
    }

    /** Session engagement 1.0 that drops to 0 after a day: every user churns after its first day. */
    public static EngagementConfig dailyChurn() {
        return EngagementConfig.builder().initial(1, 1).changeProbability(1).boostProbability(0).decayProbability(1)
                .change(1, 1).build();
    }

    /** One user of {@code profile} from {@code start}. */
    public static SimulationConfig single(ProfileConfig profile, Instant start) {
        return TestConfigs.withGlobal(TestConfigs.singleUser(profile), g -> g.startTs(start)
                .endTs(start.plusSeconds(86_400)));
    }

    /** The commerce extension's stored state (pending deliveries and cancellations), or a missing node. */
    public static JsonNode commerceState(InMemoryStateStore store) {
        RunSnapshot snapshot = store.load(RUN).orElseThrow();
        try {
            return JSON.readTree(snapshot.driverState()).path("extensions").path("commerce");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The times of the deliveries or cancellations ({@code kind}) still to come, epoch micros: open orders whose
     * final event is of that kind and not yet released. (An open order is stored with named fields, among them
     * {@code end}, the kind of its final event, and {@code end_time}, its time.)
     */
    public static List<Long> pending(InMemoryStateStore store, String kind) {
        long clock = store.load(RUN).orElseThrow().clockMicros();
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode n : commerceState(store).path("open_orders")) {
            if (kind.equals(n.path("end").asText()) && n.path("end_time").asLong() >= clock) {
                out.add(n.path("end_time").asLong());
            }
        }
        return out;
    }

    public static List<LogEvent> ofType(List<LogEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    public static List<LogEvent> ofType(List<LogEvent> events, String type, String action) {
        return events.stream().filter(e -> e.type().equals(type) && action.equals(e.action())).toList();
    }
}
