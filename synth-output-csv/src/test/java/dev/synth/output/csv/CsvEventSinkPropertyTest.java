package dev.synth.output.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import dev.synth.output.csv.Events.Step;
import dev.synth.spi.RunKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@Label("CsvEventSink properties")
class CsvEventSinkPropertyTest {
    private static final RunKey RUN = new RunKey("acme", "shop");

    /**
     * {@code crashes.get(i)}, for step {@code i}: after committing it, how many steps are written but never
     * committed before the process "crashes" and the run resumes (0: no crash). What was written after the commit
     * need not be what the resumed run writes again: it is taken from {@code lost}, and a torn tail of
     * {@code garbage} bytes is appended to both files. {@code lostAtStart}: steps written and lost before the very
     * first commit, after which the run starts over.
     */
    @Property(tries = 150)
    @Label("any split of a run into committed steps, lost uncommitted steps and resumes gives the bytes of an unbroken run")
    void anySplitGivesUnbrokenBytes(@ForAll("steps") List<Step> steps,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 3) Integer> crashes,
            @ForAll @IntRange(min = 0, max = 2) int lostAtStart, @ForAll("steps") List<Step> lost,
            @ForAll("tornTails") String garbage, @ForAll boolean filter) throws IOException {
        Path dir = Files.createTempDirectory("csv-property");
        try {
            byte[][] unbroken = unbroken(dir.resolve("unbroken"), steps, filter);

            Path resumed = dir.resolve("resumed");
            CsvEventSink sink = sink(resumed, filter);
            sink.open(RUN, Optional.empty());
            writeWithoutCommit(sink, lost, 0, lostAtStart);
            crash(sink, garbage);
            sink = sink(resumed, filter);
            sink.open(RUN, Optional.empty());
            for (int i = 0; i < steps.size(); i++) {
                sink.write(steps.get(i).log(), steps.get(i).catalog());
                String position = sink.commit();
                int lostSteps = i < crashes.size() ? crashes.get(i) : 0;
                if (lostSteps > 0) {
                    writeWithoutCommit(sink, lost, 0, lostSteps);
                    crash(sink, garbage);
                    sink = sink(resumed, filter);
                    sink.open(RUN, Optional.of(position));
                }
            }
            sink.close();

            assertThat(Files.readAllBytes(resumed.resolve(CsvEventSink.LOG_FILE_NAME))).isEqualTo(unbroken[0]);
            assertThat(Files.readAllBytes(resumed.resolve(CsvEventSink.CATALOG_FILE_NAME))).isEqualTo(unbroken[1]);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Ends the process's writing: what it wrote reaches the files, and then a torn write. */
    private static void crash(CsvEventSink sink, String garbage) throws IOException {
        sink.close();
        Files.writeString(sink.logFile(), garbage, StandardOpenOption.APPEND);
        Files.writeString(sink.catalogFile(), garbage, StandardOpenOption.APPEND);
    }

    private static CsvEventSink sink(Path dir, boolean filter) {
        return CsvEventSink.builder().directory(dir).filterLogEvents(filter).build();
    }

    private static void writeWithoutCommit(CsvEventSink sink, List<Step> steps, int from, int count) {
        for (int j = from; j < Math.min(steps.size(), from + count); j++) {
            sink.write(steps.get(j).log(), steps.get(j).catalog());
        }
    }

    private static byte[][] unbroken(Path dir, List<Step> steps, boolean filter) throws IOException {
        CsvEventSink sink = sink(dir, filter);
        sink.open(RUN, Optional.empty());
        for (Step step : steps) {
            sink.write(step.log(), step.catalog());
            sink.commit();
        }
        sink.close();
        return new byte[][] {Files.readAllBytes(sink.logFile()), Files.readAllBytes(sink.catalogFile())};
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Step>> steps() {
        return step().list().ofMinSize(1).ofMaxSize(8);
    }

    private Arbitrary<Step> step() {
        return Combinators.combine(logEvent().list().ofMaxSize(6), catalogEvent().list().ofMaxSize(3))
                .as(Step::new);
    }

    private Arbitrary<String> text() {
        Arbitrary<String> chars = Arbitraries.strings().withCharRange('a', 'f')
                .withChars(',', '"', '\r', '\n', ' ', 'é').ofMaxLength(10);
        return Arbitraries.oneOf(chars, chars.map(t -> t + "😀"));
    }

    /** What a write cut short by a crash may leave behind. */
    @Provide
    Arbitrary<String> tornTails() {
        return Arbitraries.of("", "x", "\"", "\r", "u1,d-1,android,true,2000-01-01T00:00:00.0", "a,\"{\"\"b\"\":", "é");
    }

    private Arbitrary<LogEvent> logEvent() {
        Arbitrary<Object> nudgeIds = Arbitraries.oneOf(Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.integers().map(i -> (Object) i), text().map(s -> (Object) s));
        Arbitrary<LogEvent> page = Combinators.combine(text(), Arbitraries.longs().between(0, 1L << 52), text(),
                Arbitraries.doubles().between(0, 1000)).as((user, ts, title, duration) -> new LogEvent(user, "d-1",
                        ts, true, "page", Block.CORE, Props.of("path", "/p", "title", title, "duration", duration),
                        1000, 2000));
        Arbitrary<LogEvent> nudge = Combinators.combine(text(), Arbitraries.longs().between(0, 1L << 52), nudgeIds)
                .as((user, ts, id) -> new LogEvent(user, "d-2", ts, false, "nudge_response", Block.CORE,
                        Props.of("nudge_id", id, "type", "push_notification", "response",
                                Props.of("action", "open")), 3000, 4000));
        return Arbitraries.oneOf(page, nudge);
    }

    private Arbitrary<CatalogEvent> catalogEvent() {
        return Combinators.combine(Arbitraries.longs().between(0, 1L << 52), Arbitraries.of(CatalogType.class),
                text()).as((ts, type, name) -> new CatalogEvent(ts, type, Props.of("uuid", "u-" + name, "name",
                        name, "required_score", 379.6875)));
    }
}
