package dev.synth.output.csv;

import static dev.synth.output.csv.Events.Y2K;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.LogEvent;
import dev.synth.spi.RunKey;
import dev.synth.spi.SinkCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV sink reports the rows it wrote, so a run's summary counts what the files hold. */
class CsvWrittenCountTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("with filter_log_events_for_csv, written() counts the rows in the file, not the events handed in")
    void filteredCount() throws IOException {
        CsvEventSink sink = CsvEventSink.builder().directory(dir).filterLogEvents(true).build();
        sink.open(new RunKey("acme", "count"), Optional.empty());
        List<LogEvent> events = List.of(Events.identify("u1", Y2K), Events.fakeNudgeResponse("u1", Y2K + 1, -7L),
                Events.nudgeResponse("u1", Y2K + 2, 12L), Events.page("u1", Y2K + 3, "Home"));
        sink.write(events, List.of(Events.video(Y2K)));
        sink.commit();
        assertThat(sink.written()).contains(new SinkCount(3, 1));
        sink.close();
        long rows = Files.readAllLines(dir.resolve("log_events.csv")).size() - 1;
        assertThat(rows).isEqualTo(3);
    }
}
