package dev.synth.output.csv;

import static dev.synth.output.csv.Events.HOUR;
import static dev.synth.output.csv.Events.Y2K;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import dev.synth.spi.RunKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CsvEventSink")
class CsvEventSinkTest {
    static final RunKey RUN = new RunKey("acme", "shop");

    @TempDir
    Path dir;

    static final List<LogEvent> STEP1_LOG = List.of(Events.identify("u1", Y2K), Events.page("u1", Y2K + 5, "Home, \"sweet\""));
    static final List<CatalogEvent> STEP1_CATALOG = List.of(Events.video(Y2K));
    static final List<LogEvent> STEP2_LOG = List.of(Events.item("u1", Y2K + HOUR), Events.identify("u2", Y2K + HOUR));
    static final List<CatalogEvent> STEP2_CATALOG = List.of(Events.milestone(Y2K + HOUR, "first\nmilestone"));

    @Nested
    @DisplayName("configuration")
    class Configuration {
        @Test
        @DisplayName("to(directory) writes log_events.csv and catalog_events.csv in it, under the name csv")
        void toDirectory() {
            CsvEventSink sink = CsvEventSink.to(dir);

            assertThat(sink.name()).isEqualTo("csv");
            assertThat(sink.logFile()).isEqualTo(dir.resolve("log_events.csv"));
            assertThat(sink.catalogFile()).isEqualTo(dir.resolve("catalog_events.csv"));
            assertThat(sink.filterLogEvents()).isFalse();
        }

        @Test
        @DisplayName("files(log, catalog) resolves bare file names against the working directory")
        void bareNames() {
            CsvEventSink sink = CsvEventSink.files(Path.of("log.csv"), Path.of("catalog.csv"));

            assertThat(sink.logFile()).isEqualTo(Path.of("").toAbsolutePath().resolve("log.csv"));
            assertThat(sink.catalogFile()).isEqualTo(Path.of("").toAbsolutePath().resolve("catalog.csv"));
        }

        @Test
        @DisplayName("the builder sets the name and the filter; a blank name, no output or one file twice is refused")
        void builder() {
            CsvEventSink sink = CsvEventSink.builder().files(dir.resolve("l.csv"), dir.resolve("c.csv"))
                    .name("csv-2").filterLogEvents(true).build();

            assertThat(sink.name()).isEqualTo("csv-2");
            assertThat(sink.filterLogEvents()).isTrue();
            assertThatThrownBy(() -> CsvEventSink.builder().name(" "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
            assertThatThrownBy(() -> CsvEventSink.builder().build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("directory(Path)");
            assertThatThrownBy(() -> CsvEventSink.files(dir.resolve("x.csv"), dir.resolve("a/../x.csv")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.csv");
        }
    }

    @Nested
    @DisplayName("writing")
    class Writing {
        @Test
        @DisplayName("a first run writes one header row per file, then the rows, as UTF-8 with CRLF line ends")
        void headerAndRows() throws IOException {
            CsvEventSink sink = CsvEventSink.to(dir.resolve("out"));
            sink.open(RUN, Optional.empty());
            sink.write(STEP1_LOG, STEP1_CATALOG);
            sink.commit();
            sink.write(STEP2_LOG, STEP2_CATALOG);
            sink.commit();
            sink.close();

            CsvFormat f = new CsvFormat();
            assertThat(read(sink.logFile())).isEqualTo("u_id,d_id,os,ol,ts,type,ip,up,dn,block,props\r\n"
                    + f.logRow(STEP1_LOG.get(0)) + f.logRow(STEP1_LOG.get(1))
                    + f.logRow(STEP2_LOG.get(0)) + f.logRow(STEP2_LOG.get(1)));
            assertThat(read(sink.catalogFile())).isEqualTo("ts,subject_type,data\r\n"
                    + f.catalogRow(STEP1_CATALOG.get(0)) + f.catalogRow(STEP2_CATALOG.get(0)));
            assertThat(read(sink.logFile()).split("\r\n", -1)[1]).isEqualTo("u1,8734840059487214415,android,true,"
                    + "2000-01-01T00:00:00.000000Z,identify,0.0.0.0,72907,67479,core,"
                    + "\"{\"\"action\"\":\"\"register\"\"}\"");
            assertThat(read(sink.catalogFile()).split("\r\n", -1)[1])
                    .startsWith("2000-01-01T00:00:00.000000Z,media,\"{");
        }

        @Test
        @DisplayName("a run with no events still writes both header rows")
        void headersOnly() throws IOException {
            CsvEventSink sink = CsvEventSink.to(dir);
            sink.open(RUN, Optional.empty());
            String position = sink.commit();
            sink.close();

            assertThat(read(sink.logFile())).isEqualTo(CsvFormat.LOG_HEADER);
            assertThat(read(sink.catalogFile())).isEqualTo(CsvFormat.CATALOG_HEADER);
            assertThat(position).isEqualTo("log=" + CsvFormat.LOG_HEADER.length() + ";catalog="
                    + CsvFormat.CATALOG_HEADER.length());
        }

        @Test
        @DisplayName("commit returns the byte lengths of both files, which are then on disk")
        void commitPosition() throws IOException {
            CsvEventSink sink = CsvEventSink.to(dir);
            sink.open(RUN, Optional.empty());
            sink.write(STEP1_LOG, STEP1_CATALOG);

            String position = sink.commit();

            assertThat(position).isEqualTo("log=" + Files.size(sink.logFile()) + ";catalog="
                    + Files.size(sink.catalogFile()));
            assertThat(sink.commit()).as("nothing new").isEqualTo(position);
            sink.close();
        }

        @Test
        @DisplayName("with filterLogEvents, only the events made up as fake are dropped")
        void filter() throws IOException {
            List<LogEvent> events = List.of(
                    Events.fakeNudgeResponse("u", Y2K, -4_611_686_018_427_387_904L),
                    Events.nudgeResponse("u", Y2K + 1, 123L),
                    Events.fakeNudgeResponse("u", Y2K + 2, -1),
                    Events.nudgeResponse("u", Y2K + 3, 0),
                    Events.nudgeResponse("u", Y2K + 4, "-5"),
                    Events.fakeNudgeResponse("u", Y2K + 5, -3),
                    Events.withProps("nudge_response", Props.of("type", "push_notification")),
                    Events.withProps("page", Props.of("nudge_id", -7)),
                    Events.identify("u", Y2K + 6));

            CsvEventSink filtering = CsvEventSink.builder().directory(dir.resolve("f")).filterLogEvents(true).build();
            CsvEventSink plain = CsvEventSink.to(dir.resolve("p"));
            for (CsvEventSink sink : List.of(filtering, plain)) {
                sink.open(RUN, Optional.empty());
                sink.write(events, List.of());
                sink.commit();
                sink.close();
            }

            CsvFormat f = new CsvFormat();
            StringBuilder expected = new StringBuilder(CsvFormat.LOG_HEADER);
            for (int i : new int[] {1, 3, 4, 6, 7, 8}) {
                expected.append(f.logRow(events.get(i)));
            }
            assertThat(read(filtering.logFile())).isEqualTo(expected.toString());
            assertThat(lines(plain.logFile())).hasSize(1 + events.size());
        }

        @Test
        @DisplayName("identical input gives byte-identical files")
        void deterministic() throws IOException {
            byte[][] first = writeUnbroken(dir.resolve("a"));
            byte[][] second = writeUnbroken(dir.resolve("b"));

            assertThat(second[0]).isEqualTo(first[0]);
            assertThat(second[1]).isEqualTo(first[1]);
        }

        @Test
        @DisplayName("a bare file name writes into the working directory")
        void bareFileName() throws IOException {
            String unique = "csv-sink-test-" + ProcessHandle.current().pid();
            Path log = Path.of(unique + "-log.csv");
            Path catalog = Path.of(unique + "-catalog.csv");
            try {
                CsvEventSink sink = CsvEventSink.files(log, catalog);
                sink.open(RUN, Optional.empty());
                sink.write(STEP1_LOG, STEP1_CATALOG);
                sink.commit();
                sink.close();

                assertThat(lines(log)).hasSize(3);
                assertThat(lines(catalog)).hasSize(2);
            } finally {
                Files.deleteIfExists(log);
                Files.deleteIfExists(catalog);
            }
        }

        @Test
        @DisplayName("rows larger than the write buffer are written whole")
        void largeRows() throws IOException {
            char[] chars = new char[1_500_000];
            Arrays.fill(chars, '"');
            LogEvent huge = Events.withProps("page", Props.of("title", new String(chars)));
            char[] ids = new char[1_200_000];
            Arrays.fill(ids, 'x');
            LogEvent longUser = Events.identify(new String(ids) + ",", Y2K);
            LogEvent longDevice = new LogEvent("u", new String(ids).replace('x', 'é'), Y2K, true, "t",
                    dev.synth.event.Block.CORE, Props.of(), 1, 1);
            List<LogEvent> events = List.of(Events.identify("a", Y2K), huge, longUser, longDevice,
                    Events.identify("b", Y2K));

            CsvEventSink sink = CsvEventSink.to(dir);
            sink.open(RUN, Optional.empty());
            sink.write(events, List.of());
            String position = sink.commit();
            sink.close();

            CsvFormat f = new CsvFormat();
            String expected = CsvFormat.LOG_HEADER + f.logRow(events.get(0)) + f.logRow(huge) + f.logRow(longUser)
                    + f.logRow(longDevice) + f.logRow(events.get(4));
            assertThat(read(sink.logFile())).isEqualTo(expected);
            assertThat(position).startsWith("log=" + expected.getBytes(UTF_8).length + ";");
        }

        @Test
        @DisplayName("a write is all or nothing: an event that cannot be written is named and its step leaves no row")
        void failedWriteLeavesNothing() throws IOException {
            CsvEventSink sink = CsvEventSink.to(dir);
            sink.open(RUN, Optional.empty());
            sink.write(STEP1_LOG, STEP1_CATALOG);
            sink.commit();
            LogEvent bad = Events.withProps("page", Props.of("when", new Object()));

            assertThatThrownBy(() -> sink.write(List.of(Events.identify("u9", Y2K), bad), STEP2_CATALOG))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("acme/shop")
                    .hasMessageContaining("log event page of user u")
                    .hasMessageContaining("'when'");

            sink.write(STEP2_LOG, STEP2_CATALOG);
            sink.commit();
            sink.close();
            byte[][] unbroken = writeUnbroken(dir.resolve("unbroken"));
            assertThat(Files.readAllBytes(sink.logFile())).isEqualTo(unbroken[0]);
            assertThat(Files.readAllBytes(sink.catalogFile())).isEqualTo(unbroken[1]);
        }

        @Test
        @DisplayName("a failed write whose rows already reached the file cuts the file back to the last commit")
        void failedLargeWriteIsCutBack() throws IOException {
            CsvEventSink sink = CsvEventSink.to(dir);
            sink.open(RUN, Optional.empty());
            sink.write(STEP1_LOG, STEP1_CATALOG);
            String position = sink.commit();
            List<LogEvent> many = new java.util.ArrayList<>();
            for (int i = 0; i < 20_000; i++) { // several MiB: more than the buffer holds
                many.add(Events.item("u" + i, Y2K + i));
            }
            many.add(Events.withProps("page", Props.of("bad", new Object())));

            assertThatThrownBy(() -> sink.write(many, List.of())).isInstanceOf(SinkException.class);

            assertThat("log=" + Files.size(sink.logFile()) + ";catalog=" + Files.size(sink.catalogFile()))
                    .isEqualTo(position);
            assertThat(sink.commit()).isEqualTo(position);
            sink.write(STEP2_LOG, STEP2_CATALOG);
            sink.commit();
            sink.close();
            assertThat(Files.readAllBytes(sink.logFile())).isEqualTo(writeUnbroken(dir.resolve("unbroken"))[0]);
        }

        @Test
        @DisplayName("a first run overwrites existing files, so no rows of another run remain")
        void firstRunOverwrites() throws IOException {
            Files.writeString(dir.resolve("log_events.csv"), "old,rows\r\nfrom,before\r\n".repeat(100));
            Files.writeString(dir.resolve("catalog_events.csv"), "old\r\n");

            byte[][] written = writeUnbroken(dir);

            assertThat(written).isDeepEqualTo(writeUnbroken(dir.resolve("fresh")));
        }
    }

    @Nested
    @DisplayName("resuming")
    class Resuming {
        @Test
        @DisplayName("truncates an uncommitted step, and writing it again gives the bytes of an unbroken run")
        void truncatesUncommittedTail() throws IOException {
            CsvEventSink first = CsvEventSink.to(dir);
            first.open(RUN, Optional.empty());
            first.write(STEP1_LOG, STEP1_CATALOG);
            String position = first.commit();
            byte[] step1Log = Files.readAllBytes(first.logFile());
            byte[] step1Catalog = Files.readAllBytes(first.catalogFile());
            first.write(STEP2_LOG, STEP2_CATALOG);
            first.close(); // crash: step 2 reached the files but was never committed
            assertThat(Files.size(first.logFile())).isGreaterThan(step1Log.length);

            CsvEventSink second = CsvEventSink.to(dir);
            second.open(RUN, Optional.of(position));

            assertThat(Files.readAllBytes(second.logFile())).isEqualTo(step1Log);
            assertThat(Files.readAllBytes(second.catalogFile())).isEqualTo(step1Catalog);
            second.write(STEP2_LOG, STEP2_CATALOG);
            second.commit();
            second.close();
            byte[][] unbroken = writeUnbroken(dir.resolve("unbroken"));
            assertThat(Files.readAllBytes(second.logFile())).isEqualTo(unbroken[0]);
            assertThat(Files.readAllBytes(second.catalogFile())).isEqualTo(unbroken[1]);
        }

        @Test
        @DisplayName("a missing file is a SinkException naming it, and the other file is left alone")
        void missingFile() throws IOException {
            String position = committedStepOneThenMore();
            Files.delete(dir.resolve("catalog_events.csv"));
            byte[] log = Files.readAllBytes(dir.resolve("log_events.csv"));

            assertThatThrownBy(() -> CsvEventSink.to(dir).open(RUN, Optional.of(position)))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining(dir.resolve("catalog_events.csv").toString())
                    .hasMessageContaining("missing");
            assertThat(Files.readAllBytes(dir.resolve("log_events.csv"))).isEqualTo(log);
            assertThat(dir.resolve("catalog_events.csv")).doesNotExist();
        }

        @Test
        @DisplayName("a file shorter than its committed length is a SinkException naming it")
        void shortenedFile() throws IOException {
            String position = committedStepOneThenMore();
            Path log = dir.resolve("log_events.csv");
            long committed = Long.parseLong(position.substring(4, position.indexOf(';')));
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(committed - 1);
            }

            assertThatThrownBy(() -> CsvEventSink.to(dir).open(RUN, Optional.of(position)))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining(log.toString())
                    .hasMessageContaining((committed - 1) + " bytes long")
                    .hasMessageContaining(committed + " bytes of it were committed");
        }

        @Test
        @DisplayName("a position that is not a CSV sink's is refused")
        void foreignPosition() {
            for (String position : List.of("", "42", "log=1", "log=1;catalog=x", "catalog=1;log=2", "log=-1;catalog=0")) {
                assertThatThrownBy(() -> CsvEventSink.to(dir).open(RUN, Optional.of(position)))
                        .as(position)
                        .isInstanceOf(SinkException.class)
                        .hasMessageContaining("'" + position + "'");
            }
        }

        @Test
        @DisplayName("a sink can be opened again after close, e.g. by the next run of a reusable simulation")
        void reopenSameSink() throws IOException {
            CsvEventSink sink = CsvEventSink.to(dir);
            sink.open(RUN, Optional.empty());
            sink.write(STEP1_LOG, STEP1_CATALOG);
            String position = sink.commit();
            sink.close();
            sink.close(); // idempotent

            sink.open(RUN, Optional.of(position));
            sink.write(STEP2_LOG, STEP2_CATALOG);
            sink.commit();
            sink.close();

            assertThat(Files.readAllBytes(sink.logFile())).isEqualTo(writeUnbroken(dir.resolve("u"))[0]);
        }

        private String committedStepOneThenMore() {
            CsvEventSink sink = CsvEventSink.to(dir);
            sink.open(RUN, Optional.empty());
            sink.write(STEP1_LOG, STEP1_CATALOG);
            String position = sink.commit();
            sink.write(STEP2_LOG, STEP2_CATALOG);
            sink.close();
            return position;
        }
    }

    @Nested
    @DisplayName("failing to open")
    class FailingToOpen {
        @Test
        @DisplayName("a directory under a regular file is a SinkException naming the path, and creates nothing")
        void parentIsAFile() throws IOException {
            Path blocker = Files.writeString(dir.resolve("blocker"), "not a directory");
            CsvEventSink sink = CsvEventSink.to(blocker.resolve("out"));

            assertThatThrownBy(() -> sink.open(RUN, Optional.empty()))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining(blocker.resolve("out").toString());
            assertThat(listAll(dir)).containsExactly(blocker);
        }

        @Test
        @DisplayName("when only the catalog file cannot be created, the log file and directories made for it are removed")
        void secondFileFails() throws IOException {
            Path blocker = Files.writeString(dir.resolve("blocker"), "not a directory");
            CsvEventSink sink = CsvEventSink.files(dir.resolve("a/b/log.csv"), blocker.resolve("catalog.csv"));

            assertThatThrownBy(() -> sink.open(RUN, Optional.empty()))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining(blocker.resolve("catalog.csv").toString());
            assertThat(listAll(dir)).containsExactly(blocker);
        }

        @Test
        @DisplayName("a file path that is a directory is a SinkException naming it, and an existing log file is kept")
        void fileIsADirectory() throws IOException {
            Path log = Files.writeString(dir.resolve("log_events.csv"), "keep me");
            Files.createDirectory(dir.resolve("catalog_events.csv"));

            assertThatThrownBy(() -> CsvEventSink.to(dir).open(RUN, Optional.empty()))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining(dir.resolve("catalog_events.csv").toString());
            assertThat(Files.readString(log)).isEqualTo("keep me");
        }

        @Test
        @DisplayName("a file that another open sink writes is refused instead of interleaving rows")
        void lockedByAnotherSink() {
            CsvEventSink first = CsvEventSink.to(dir);
            first.open(RUN, Optional.empty());
            try {
                CsvEventSink second = CsvEventSink.builder().directory(dir).name("other").build();
                assertThatThrownBy(() -> second.open(RUN, Optional.empty()))
                        .isInstanceOf(SinkException.class)
                        .hasMessageContaining("another sink or process")
                        .hasMessageContaining(first.logFile().toString());
            } finally {
                first.close();
            }
        }

        @Test
        @DisplayName("writing before open, or opening twice, is a programming error")
        void lifecycleMisuse() {
            CsvEventSink sink = CsvEventSink.to(dir);
            assertThatThrownBy(() -> sink.write(List.of(), List.of())).isInstanceOf(IllegalStateException.class);
            sink.open(RUN, Optional.empty());
            try {
                assertThatThrownBy(() -> sink.open(RUN, Optional.empty())).isInstanceOf(IllegalStateException.class);
            } finally {
                sink.close();
            }
        }
    }

    /** Both steps, each committed, in a fresh directory: the reference output. */
    static byte[][] writeUnbroken(Path directory) throws IOException {
        CsvEventSink sink = CsvEventSink.to(directory);
        sink.open(RUN, Optional.empty());
        sink.write(STEP1_LOG, STEP1_CATALOG);
        sink.commit();
        sink.write(STEP2_LOG, STEP2_CATALOG);
        sink.commit();
        sink.close();
        return new byte[][] {Files.readAllBytes(sink.logFile()), Files.readAllBytes(sink.catalogFile())};
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, UTF_8);
    }

    /** Records, split at CRLF outside quotes is not needed here: test rows hold no quoted line breaks. */
    static List<String> lines(Path file) throws IOException {
        String text = read(file);
        assertThat(text).endsWith("\r\n");
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }

    static List<Path> listAll(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.equals(root)).sorted().toList();
        }
    }
}
