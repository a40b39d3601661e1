package dev.synth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synth.Simulation;
import dev.synth.spi.MemorySink;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The progress lines a long run logs: readable by people. */
class ProgressTest {

    /** A wall clock that moves 3 s every time it is read, far in the future of the simulated span. */
    static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(3);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    @DisplayName("progress lines give the share done, thousands separators, events per second and a human ETA")
    void progressLines() {
        Logger driver = (Logger) LoggerFactory.getLogger(Driver.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = driver.getLevel();
        driver.setLevel(Level.INFO);
        driver.addAppender(appender);
        try {
            Simulation.builder().config(ExampleConfigs.mixedPopulation(40)).seed(2).addSink(new MemorySink())
                    .clock(new TickingClock()).end(TestConfigs.START.plus(Duration.ofDays(5))).build().run();
        } finally {
            driver.detachAppender(appender);
            driver.setLevel(before);
        }
        List<String> progress = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("% done")).toList();
        assertThat(progress).isNotEmpty();
        assertThat(progress).allSatisfy(line -> assertThat(line)
                .matches(".*: \\d{1,3}\\.\\d% done \\(simulated \\S+ of -> \\S+\\); [\\d,]+ log events \\([\\d,]+/s\\);"
                        + " ETA (\\d+(\\.\\d)? s|\\d+[dhm]( \\d+[hms])?)")
                .doesNotContain("PT"));
        assertThat(progress.get(progress.size() - 1)).containsPattern("\\d,\\d{3} log events");
    }
}
