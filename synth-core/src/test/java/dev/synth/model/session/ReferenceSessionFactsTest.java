package dev.synth.model.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.Simulation;
import dev.synth.config.CatalogConfig;
import dev.synth.config.EventConfig;
import dev.synth.config.ProductUserType;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** More of the reference's event tests (9.7, 9.10) ported to whole simulations. */
class ReferenceSessionFactsTest {

    @Test
    @DisplayName("a mobile user with 60 s sessions and certain ratings: one open and one close per session, and a rating")
    void appEvents() {
        ProfileConfig profile = TestConfigs.boringGuy().productUserType(ProductUserType.MOBILE)
                .sessionLengthSeconds(60, 60).build();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(profile), g -> g.ratingProbability(1.0));
        List<LogEvent> events = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(86_400),
                new InMemoryStateStore()).logEvents();
        List<LogEvent> app = events.stream().filter(e -> e.type().equals("app")).toList();
        assertThat(app).extracting(LogEvent::action).containsExactly("open", "close");
        assertThat(events).anyMatch(e -> e.type().equals("rate") && "app".equals(e.props().get("type"))
                && "demo_org_demo_proj".equals(e.props().get("subject_id")));
    }

    @Test
    @DisplayName("an audio of 3000 s paused for sure: impression (0), play (0), pause (> 0), finish (> pause)")
    void audio() {
        ProfileConfig profile = TestConfigs.boringGuy().eventProbabilities(Map.of("audio", 1.0))
                .sessionLengthSeconds(60, 60)
                .event("audio", EventConfig.of(Map.of("pause_probability", 1.0, "duration_seconds_min", 60,
                        "duration_seconds_max", 60)))
                .build();
        SimulationConfig config = TestConfigs.singleUser(profile).toBuilder()
                .catalog(CatalogType.MEDIA_AUDIO, CatalogConfig.defaults().withTargetCount(1)
                        .withProperty("length_min_seconds", 3000).withProperty("length_max_seconds", 3000))
                .build();
        List<LogEvent> events = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(86_400),
                new InMemoryStateStore()).logEvents();
        assertThat(events.size()).isGreaterThanOrEqualTo(7);
        List<LogEvent> media = events.stream().filter(e -> e.type().equals("media")).toList().subList(0, 4);
        assertThat(media).extracting(LogEvent::action).containsExactly("impression", "play", "pause", "finish");
        assertThat(media).allMatch(m -> m.props().get("type").equals("audio"));
        assertThat((Double) media.get(2).props().get("time")).isPositive();
        assertThat((Double) media.get(3).props().get("time")).isEqualTo(3_000_000.0)
                .isGreaterThan((Double) media.get(2).props().get("time"));
        for (int i = 1; i < 4; i++) {
            assertThat(media.get(i).timeMicros()).isGreaterThanOrEqualTo(media.get(i - 1).timeMicros());
        }
    }

    @Test
    @DisplayName("a 12 h session of 432 s pages released hour by hour: >= 103 events, each batch in order and in its hour")
    void incremental() {
        ProfileConfig profile = TestConfigs.boringGuy().earlyStart().sessionLengthSeconds(43_200, 43_200)
                .event("page", EventConfig.of(Map.of("page_count_per_session_min", 100,
                        "page_count_per_session_max", 100, "duration_seconds_min", 432, "duration_seconds_max", 432)))
                .build();
        SimulationConfig config = TestConfigs.singleUser(profile);
        InMemoryStateStore store = new InMemoryStateStore();
        int total = 0;
        Instant previousEnd = TestConfigs.START;
        for (int hour = 1; hour <= 24; hour++) {
            Instant end = TestConfigs.START.plusSeconds(hour * 3600L);
            MemorySink batch = TestConfigs.runUntil(config, end, store);
            List<LogEvent> events = batch.logEvents();
            assertThat(events.size()).isLessThanOrEqualTo(30);
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).timestamp()).isAfterOrEqualTo(previousEnd).isBefore(end);
                if (i > 0) {
                    assertThat(events.get(i).timeMicros()).isGreaterThanOrEqualTo(events.get(i - 1).timeMicros());
                }
            }
            total += events.size();
            previousEnd = end;
        }
        assertThat(total).isGreaterThanOrEqualTo(103);
    }

    @Test
    @DisplayName("a video catalog entry is referred to as video_<uuid>, with its uuid as id_source and language en")
    void mediaCatalogPayload() {
        ProfileConfig profile = TestConfigs.boringGuy().eventProbabilities(Map.of("video", 1.0)).build();
        MemorySink sink = TestConfigs.runUntil(TestConfigs.singleUser(profile), TestConfigs.START.plusSeconds(86_400),
                new InMemoryStateStore());
        LogEvent play = sink.logEvents().stream().filter(e -> "play".equals(e.action())).findFirst().orElseThrow();
        String uuid = (String) play.props().get("id_source");
        assertThat(play.props().get("id")).isEqualTo("video_" + uuid);
        var entry = sink.catalogEvents().stream().filter(c -> uuid.equals(c.data().get("uuid"))).findFirst()
                .orElseThrow();
        assertThat(entry.subjectType()).isEqualTo("media");
        assertThat(entry.data()).containsEntry("lang", "en").containsEntry("media_type", "video");
    }

    @Test
    @DisplayName("randomised registrations: nobody registered after 1 s, distinct times, one user entry each when they do")
    void registeredUserMaintenance() {
        SimulationConfig config = TestConfigs.withGlobal(
                TestConfigs.population(TestConfigs.boringGuy().build(), 5, 5, 5, 0), g -> g.randomiseRegistrationTimes(true));
        InMemoryStateStore store = new InMemoryStateStore();
        MemorySink first = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(1), store);
        assertThat(first.logEvents()).isEmpty();
        var snapshot = store.load(new dev.synth.spi.RunKey("demo_org", "demo_proj")).orElseThrow();
        assertThat(snapshot.activeUsers()).hasSize(5);
        java.util.Set<String> registered = new java.util.HashSet<>();
        for (int hour = 1; hour <= 25; hour++) {
            MemorySink batch = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(hour * 3600L), store);
            for (LogEvent e : batch.logEvents()) {
                if ("register".equals(e.action())) {
                    assertThat(registered.add(e.userId())).isTrue();
                    assertThat(batch.catalogEvents().stream()
                            .filter(c -> c.type() == CatalogType.USER && e.userId().equals(c.data().get("platform_uuid"))))
                            .hasSize(1);
                }
            }
            assertThat(store.load(new dev.synth.spi.RunKey("demo_org", "demo_proj")).orElseThrow().activeUsers())
                    .hasSize(5);
        }
        assertThat(registered).hasSize(5);
    }

    @Test
    @DisplayName("a population of 25 decaying users: all active and stored after an hour; counts move; reload keeps the sets")
    void populationBoundaries() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .sessionEngagement(e -> e.initial(1, 1).changeProbability(1).boostProbability(0).decayProbability(1)
                        .change(0.1, 0.3))
                .build();
        SimulationConfig config = TestConfigs.population(profile, 25, 1, 50, 0.3);
        InMemoryStateStore store = new InMemoryStateStore();
        var key = new dev.synth.spi.RunKey("demo_org", "demo_proj");
        TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(3600), store);
        assertThat(store.load(key).orElseThrow().activeUsers()).hasSize(25);
        boolean moved = false;
        for (int day = 1; day <= 6; day++) {
            Instant end = TestConfigs.START.plusSeconds(day * 86_400L);
            TestConfigs.runUntil(config, end, store);
            var snapshot = store.load(key).orElseThrow();
            assertThat(snapshot.clockMicros()).isEqualTo(dev.synth.event.Micros.of(end));
            moved |= snapshot.activeUsers().size() != 25;
        }
        assertThat(moved).isTrue();
        var before = store.load(key).orElseThrow();
        Simulation.builder().config(config).stateStore(store).end(TestConfigs.START.plusSeconds(6 * 86_400L)).build()
                .run();
        var after = store.load(key).orElseThrow();
        assertThat(after.activeUsers()).extracting(r -> r.platformUuid())
                .containsExactlyElementsOf(before.activeUsers().stream().map(r -> r.platformUuid()).toList());
        assertThat(after.inactiveUsers()).hasSameSizeAs(before.inactiveUsers()).isNotEmpty();
    }
}
