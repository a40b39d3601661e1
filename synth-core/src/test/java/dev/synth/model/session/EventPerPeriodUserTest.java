package dev.synth.model.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.BehaviourConfig;
import dev.synth.config.EventConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.ScheduleConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference 9.5: an event-per-period user with a 1-second period and 1-second single-page blocks. */
class EventPerPeriodUserTest {
    private static final SimulationConfig CONFIG = TestConfigs.singleUser(ProfileConfig.builder("ticker")
            .userType(EventPerPeriodUser.TYPE)
            .occurrenceProbability(1.0)
            .behaviour(BehaviourConfig.builder().schedule(ScheduleConfig.defaults().withSecondsPerEvent(1)).build())
            .event("page", EventConfig.of(Map.of("page_count_per_session_min", 1, "page_count_per_session_max", 1,
                    "duration_seconds_min", 1, "duration_seconds_max", 1)))
            .eventProbabilities(Map.of("page", 1.0))
            .build());

    @Test
    @DisplayName("two minutes and a second give 121 log events: the registration and 120 pages")
    void unbroken() {
        MemorySink sink = TestConfigs.runUntil(CONFIG, TestConfigs.START.plusSeconds(121), new InMemoryStateStore());
        assertThat(sink.logEvents()).hasSize(121);
        assertThat(sink.logEvents().get(0).type()).isEqualTo("identify");
        assertThat(sink.logEvents().get(0).action()).isEqualTo("register");
        assertThat(sink.logEvents().subList(1, 121)).allMatch(e -> e.type().equals("page"));
        assertThat(sink.logEvents().get(120).timestamp()).isEqualTo(TestConfigs.START.plusSeconds(120));
    }

    @Test
    @DisplayName("a resumed run continues without a second registration and loses nothing (61 + 61 = 122, D8)")
    void resumed() {
        InMemoryStateStore store = new InMemoryStateStore();
        MemorySink first = TestConfigs.runUntil(CONFIG, TestConfigs.START.plusSeconds(61), store);
        assertThat(first.logEvents()).hasSize(61);
        MemorySink second = TestConfigs.runUntil(CONFIG, TestConfigs.START.plusSeconds(122), store);
        // The reference reports 60 here: it drops the page due exactly at the stop time (10.1#18/#19).
        assertThat(second.logEvents()).hasSize(61).noneMatch(e -> "register".equals(e.action()));

        List<LogEvent> split = new ArrayList<>(first.logEvents());
        split.addAll(second.logEvents());
        MemorySink unbroken = TestConfigs.runUntil(CONFIG, TestConfigs.START.plusSeconds(122), new InMemoryStateStore());
        assertThat(split).isEqualTo(unbroken.logEvents());
    }
}
