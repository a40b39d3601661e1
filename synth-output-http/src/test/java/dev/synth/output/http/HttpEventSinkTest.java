package dev.synth.output.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import dev.synth.output.http.LoopbackServer.Reply;
import dev.synth.output.http.LoopbackServer.Request;
import dev.synth.spi.RunKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpEventSinkTest {
    private static final RunKey RUN = new RunKey("demo_org", "demo_proj");
    private static final String KEY = "test key";

    private final List<Duration> waits = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private LoopbackServer server() {
        LoopbackServer s = LoopbackServer.start();
        toClose.add(s);
        return s;
    }

    private HttpEventSink.Builder sink(LoopbackServer server) {
        return HttpEventSink.builder().baseUrl(server.baseUrl()).apiKey(KEY).sleeper(waits::add).retries(3)
                .requestTimeout(Duration.ofSeconds(10));
    }

    private HttpEventSink open(HttpEventSink sink, Optional<String> position) {
        sink.open(RUN, position);
        toClose.add(sink);
        return sink;
    }

    private static List<String> logUsers(List<JsonNode> items) {
        return items.stream().map(n -> n.get("u_id").asText()).toList();
    }

    private static List<String> users(List<LogEvent> events) {
        return events.stream().map(LogEvent::userId).toList();
    }

    // ---- reference 9.4 ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("a page event is one POST to /data/ingest/log with {\"data\": [payload]} and the two headers (9.4)")
    void pageEvent() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.empty());

        sink.write(List.of(Events.page("u1", Events.Y2K, "Home")), List.of());
        assertThat(server.requests()).isEmpty(); // nothing leaves before the commit
        String position = sink.commit();

        assertThat(position).isEqualTo("steps=1;batches=1");
        assertThat(server.requests()).hasSize(1);
        Request r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/data/ingest/log");
        assertThat(r.header("Authorization")).isEqualTo("Bearer test key");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.idempotencyKey()).matches("synth-0-0-[0-9a-f]{32}");
        assertThat(r.bodyText()).isEqualTo("{\"data\":[{\"u_id\":\"u1\",\"d_id\":\"-7074033987701827784\","
                + "\"os\":\"android\",\"ol\":false,\"ts\":\"2000-01-01T00:00:00.000000Z\",\"type\":\"page\","
                + "\"ip\":\"0.0.0.0\",\"up\":1000,\"dn\":99999,\"block\":\"core\","
                + "\"props\":{\"path\":\"/a/b\",\"title\":\"Home\",\"duration\":12.5}}]}");
    }

    @Test
    @DisplayName("a user catalog event is posted to /data/ingest/catalog/user as the 13-field backend object (9.4)")
    void userCatalogEvent() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.empty());

        sink.write(List.of(), List.of(Events.user("plat_id")));
        sink.commit();

        Request r = server.requests().get(0);
        assertThat(r.path()).isEqualTo("/data/ingest/catalog/user");
        assertThat(r.header("Authorization")).isEqualTo("Bearer test key");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.bodyText()).isEqualTo("[{\"id\":\"plat_id\",\"name\":\"johnny\",\"country\":\"ZA\","
                + "\"region_state\":\"region_state\",\"city\":\"city\",\"workplace\":\"workplace\","
                + "\"timezone\":\"+0200\",\"profession\":\"profession\",\"zipcode\":\"08036\",\"language\":\"xy\","
                + "\"experience\":\"none\",\"education_level\":\"masters\",\"organization\":\"acme\"}]");
        assertThat(r.json().get(0).size()).isEqualTo(13);
    }

    @Test
    @DisplayName("a drug catalog event is posted to /data/ingest/catalog/drug as the 14-field object, name = drug_name,"
            + " active_ingredients a JSON list (9.4, 10.1 #37)")
    void drugCatalogEvent() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.empty());

        sink.write(List.of(), List.of(Events.drug("drug-1")));
        sink.commit();

        Request r = server.requests().get(0);
        assertThat(r.path()).isEqualTo("/data/ingest/catalog/drug");
        assertThat(r.bodyText()).isEqualTo("[{\"id\":\"drug-1\",\"name\":\"Paracetamol\",\"market_id\":\"4242\","
                + "\"description\":\"Pain relief.\",\"supplier_id\":\"777\",\"supplier_name\":\"Supplies Ltd\","
                + "\"active_ingredients\":[\"acetaminophen\",\"starch\"],\"producer\":\"Acme Pharma\","
                + "\"packaging\":\"box of 20\",\"drug_name\":\"Paracetamol\",\"drug_form\":\"Gel\","
                + "\"drug_strength\":\"500 mg\",\"atc_anatomical_group\":\"N02\",\"otc_or_ethical\":\"OTC\"}]");
        assertThat(r.json().get(0).size()).isEqualTo(14);
    }

    @Test
    @DisplayName("blood, oxygen and medical equipment are posted with their 7.2 fields, packaging_size a number")
    void otherShopItems() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.empty());

        sink.write(List.of(), List.of(Events.blood("b"), Events.oxygen("o"), Events.equipment("m")));
        sink.commit();

        List<Request> rs = server.requests();
        assertThat(rs).extracting(Request::path).containsExactly("/data/ingest/catalog/blood",
                "/data/ingest/catalog/oxygen", "/data/ingest/catalog/medical_equipment");
        assertThat(rs.get(0).bodyText()).isEqualTo("[{\"id\":\"b\",\"market_id\":\"1001\",\"blood_component\":"
                + "\"Platelets\",\"blood_group\":\"O-\",\"packaging\":\"pint\",\"packaging_size\":1.0,"
                + "\"packaging_units\":\"pints\",\"supplier_id\":\"Sid.\",\"supplier_name\":\"Sname.\"}]");
        assertThat(rs.get(1).bodyText()).isEqualTo("[{\"id\":\"o\",\"market_id\":\"1002\",\"packaging\":\"cylinder\","
                + "\"packaging_size\":1.5,\"packaging_units\":\"cubic_meters\",\"supplier_id\":\"Sid.\","
                + "\"supplier_name\":\"Sname.\"}]");
        assertThat(rs.get(2).bodyText()).isEqualTo("[{\"id\":\"m\",\"name\":\"Surgical Gloves\",\"description\":"
                + "\"Gloves.\",\"market_id\":\"1003\",\"supplier_id\":\"Sid.\",\"supplier_name\":\"Sname.\","
                + "\"producer\":\"Prod.\",\"packaging\":\"carton\",\"packaging_size\":100.0,\"packaging_units\":"
                + "\"units\",\"category\":\"gloves\"}]");
    }

    @Test
    @DisplayName("catalog events go out in consecutive runs of one type; other types are not sent")
    void catalogRuns() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.empty());

        sink.write(List.of(Events.page("u1", Events.Y2K, "a")), List.of(Events.user("u1"), Events.drug("d1"),
                Events.page("p1"), Events.drug("d2"), Events.user("u2")));
        sink.write(List.of(), List.of(Events.user("u3"))); // a second write continues the last run
        String position = sink.commit();

        assertThat(server.requests()).extracting(Request::path).containsExactly("/data/ingest/log",
                "/data/ingest/catalog/user", "/data/ingest/catalog/drug", "/data/ingest/catalog/user");
        assertThat(server.requests().get(2).json()).extracting(n -> n.get("id").asText()).containsExactly("d1", "d2");
        assertThat(server.requests().get(3).json()).extracting(n -> n.get("id").asText()).containsExactly("u2", "u3");
        assertThat(position).isEqualTo("steps=1;batches=4");
    }

    @Test
    @DisplayName("batches hold at most 5000 events, in order")
    void batching() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.empty());
        List<LogEvent> logs = Events.pages(0, 12_001);
        List<CatalogEvent> users = IntStream.range(0, 5001).mapToObj(i -> Events.user("p" + i)).toList();

        sink.write(logs, users);
        sink.commit();

        List<Request> rs = server.requests();
        assertThat(rs).extracting(Request::path).containsExactly("/data/ingest/log", "/data/ingest/log",
                "/data/ingest/log", "/data/ingest/catalog/user", "/data/ingest/catalog/user");
        assertThat(rs).extracting(r -> r.path().endsWith("log") ? r.json().get("data").size() : r.json().size())
                .containsExactly(5000, 5000, 2001, 5000, 1);
        assertThat(logUsers(server.logItems(rs))).isEqualTo(users(logs));
        assertThat(rs).extracting(Request::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("maxBatchSize makes smaller batches; a step without events sends nothing but counts")
    void smallBatchesAndEmptySteps() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).maxBatchSize(2).build(), Optional.empty());

        sink.write(List.of(), List.of());
        assertThat(sink.commit()).isEqualTo("steps=1;batches=0");
        sink.write(Events.pages(0, 5), List.of());
        assertThat(sink.commit()).isEqualTo("steps=2;batches=3");
        assertThat(server.requests()).extracting(r -> r.json().get("data").size()).containsExactly(2, 2, 1);
        assertThat(server.requests()).extracting(Request::idempotencyKey)
                .allMatch(k -> k.startsWith("synth-1-"));
    }

    // ---- retries ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a 500 is retried after a jittered back-off, and the batch arrives once")
    void serverErrorThenSuccess() {
        LoopbackServer server = server().then(Reply.status(500), Reply.status(503));
        HttpEventSink sink = open(sink(server).backoff(Duration.ofSeconds(2), Duration.ofSeconds(60)).build(),
                Optional.empty());

        sink.write(Events.pages(0, 3), List.of());
        sink.commit();

        assertThat(server.requests()).hasSize(3);
        assertThat(server.accepted()).hasSize(1);
        assertThat(logUsers(server.logItems(server.accepted()))).containsExactly("u0", "u1", "u2");
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        // every attempt carries the same idempotency key
        assertThat(server.requests()).extracting(Request::idempotencyKey).containsOnly(
                server.requests().get(0).idempotencyKey());
    }

    @Test
    @DisplayName("the jitter is seeded: the same seed waits the same, another seed waits otherwise; waits are capped")
    void seededJitter() {
        List<List<Duration>> runs = new ArrayList<>();
        for (long seed : new long[] {1, 1, 2}) {
            waits.clear();
            LoopbackServer server = server().then(8, Reply.status(500));
            HttpEventSink sink = open(sink(server).retries(8).seed(seed)
                    .backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)).build(), Optional.empty());
            sink.write(Events.pages(0, 1), List.of());
            sink.commit();
            runs.add(List.copyOf(waits));
        }
        assertThat(runs.get(0)).hasSize(8).isEqualTo(runs.get(1)).isNotEqualTo(runs.get(2));
        assertThat(runs.get(0)).allMatch(d -> d.compareTo(Duration.ofSeconds(10)) <= 0);
        assertThat(runs.get(0).subList(5, 8)).allMatch(d -> d.compareTo(Duration.ofSeconds(5)) >= 0);
    }

    @Test
    @DisplayName("429 with Retry-After in seconds or as an HTTP date is honoured, and capped")
    void retryAfter() {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        LoopbackServer server = server().then(Reply.retryAfter(429, "7"),
                Reply.retryAfter(429, "Wed, 01 May 2024 12:00:30 GMT"),
                Reply.retryAfter(503, "86400"),
                Reply.retryAfter(429, "Tue, 30 Apr 2024 12:00:00 GMT"));
        HttpEventSink sink = open(sink(server).retries(5).clock(Clock.fixed(now, ZoneOffset.UTC))
                .maxRetryAfter(Duration.ofMinutes(2)).build(), Optional.empty());

        sink.write(Events.pages(0, 2), List.of());
        sink.commit();

        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ZERO);
        assertThat(server.accepted()).hasSize(1);
    }

    @Test
    @DisplayName("a slow response hits the request timeout and is retried with the same idempotency key")
    void slowResponse() {
        LoopbackServer server = server().then(Reply.slow(3_000));
        HttpEventSink sink = open(sink(server).requestTimeout(Duration.ofMillis(300)).build(), Optional.empty());

        sink.write(Events.pages(0, 4), List.of());
        sink.commit();

        assertThat(waits).hasSize(1);
        // the server saw the body twice (it processed the slow request too): at-least-once on the network, and
        // a server deduplicating by the key keeps every event once, in order
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0).idempotencyKey()).isEqualTo(server.requests().get(1).idempotencyKey());
        assertThat(logUsers(server.logItems(server.acceptedOncePerKey()))).containsExactly("u0", "u1", "u2", "u3");
    }

    @Test
    @DisplayName("connection refused is retried; after the budget the commit fails cleanly, without the key")
    void connectionRefused() {
        int port = LoopbackServer.freePort();
        HttpEventSink sink = open(HttpEventSink.builder().baseUrl(java.net.URI.create("http://127.0.0.1:" + port))
                .apiKey(KEY).sleeper(waits::add).retries(2).build(), Optional.empty());

        sink.write(Events.pages(0, 2), List.of());
        assertThatThrownBy(sink::commit).isInstanceOf(SinkException.class)
                .hasMessageContaining("demo_org/demo_proj").hasMessageContaining("/data/ingest/log")
                .hasMessageContaining("3 attempts").hasMessageContaining("cannot connect")
                .hasMessageNotContaining("test key");
        assertThat(waits).hasSize(2);
        assertThatThrownBy(() -> sink.write(List.of(), List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a status that retrying cannot fix (400) fails at once, naming the status and the server's answer")
    void notRetried() {
        LoopbackServer server = server().then(Reply.status(400));
        HttpEventSink sink = open(sink(server).build(), Optional.empty());
        sink.write(Events.pages(0, 1), List.of());

        assertThatThrownBy(sink::commit).isInstanceOf(SinkException.class).hasMessageContaining("status 400")
                .hasMessageContaining("scripted 400").hasMessageNotContaining("test key");
        assertThat(waits).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    @DisplayName("a server that recovers: the failed step is redone from the last committed position, and every"
            + " event arrives exactly once, in order")
    void serverRecovers() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).maxBatchSize(3).retries(2).build(), Optional.empty());
        List<LogEvent> step1 = Events.pages(0, 3);
        List<LogEvent> step2 = Events.pages(3, 7); // 3 batches: 3 + 3 + 1
        sink.write(step1, List.of());
        String committed = sink.commit();
        // step 2: the first batch is accepted, then the server is down for longer than the retry budget
        server.then(Reply.status(200)).then(3, Reply.status(503));
        sink.write(step2, List.of(Events.user("p1")));
        assertThatThrownBy(sink::commit).isInstanceOf(SinkException.class).hasMessageContaining("batch 1")
                .hasMessageContaining("status 503");
        sink.close(); // the engine closes its sinks after a failure and does not store the step's state

        // the next run re-opens at the last committed position and redoes the step
        sink.open(RUN, Optional.of(committed));
        sink.write(step2, List.of(Events.user("p1")));
        assertThat(sink.commit()).isEqualTo("steps=2;batches=5");

        List<LogEvent> all = new ArrayList<>(step1);
        all.addAll(step2);
        assertThat(logUsers(server.logItems(server.accepted()))).isEqualTo(users(all));
        assertThat(server.accepted()).extracting(Request::idempotencyKey).doesNotHaveDuplicates();
        assertThat(server.accepted().get(server.accepted().size() - 1).path()).isEqualTo("/data/ingest/catalog/user");
    }

    @Test
    @DisplayName("after a failed commit, committing again sends only the batches not yet delivered")
    void commitAgain() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).maxBatchSize(2).retries(0).build(), Optional.empty());
        server.then(Reply.status(200), Reply.status(502));
        sink.write(Events.pages(0, 4), List.of());
        assertThatThrownBy(sink::commit).isInstanceOf(SinkException.class);

        assertThat(sink.commit()).isEqualTo("steps=1;batches=2");
        assertThat(logUsers(server.logItems(server.accepted()))).containsExactly("u0", "u1", "u2", "u3");
    }

    @Test
    @DisplayName("a new process redoing a step re-sends accepted batches with the same idempotency keys, so a"
            + " deduplicating server keeps every event once")
    void crashWindow() {
        LoopbackServer server = server();
        HttpEventSink first = open(sink(server).maxBatchSize(2).retries(0).build(), Optional.empty());
        first.write(Events.pages(0, 2), List.of());
        String committed = first.commit();
        server.then(Reply.status(200), Reply.status(500));
        first.write(Events.pages(2, 4), List.of());
        assertThatThrownBy(first::commit).isInstanceOf(SinkException.class);

        HttpEventSink second = open(sink(server).maxBatchSize(2).build(), Optional.of(committed)); // another JVM
        second.write(Events.pages(2, 4), List.of());
        second.commit();

        assertThat(logUsers(server.logItems(server.accepted()))).containsExactly("u0", "u1", "u2", "u3", "u2", "u3",
                "u4", "u5");
        assertThat(logUsers(server.logItems(server.acceptedOncePerKey()))).containsExactly("u0", "u1", "u2", "u3",
                "u4", "u5");
    }

    @Test
    @DisplayName("idempotency keys differ between runs and between bodies, and repeat for the same batch")
    void idempotencyKeys() {
        LoopbackServer server = server();
        for (RunKey run : List.of(RUN, RUN, new RunKey("other", "run"))) {
            HttpEventSink sink = sink(server).build();
            sink.open(run, Optional.empty());
            sink.write(Events.pages(0, 1), List.of());
            sink.commit();
            sink.write(Events.pages(0, 1), List.of());
            sink.commit();
            sink.close();
        }
        List<String> keys = server.requests().stream().map(Request::idempotencyKey).toList();
        assertThat(keys).hasSize(6);
        assertThat(keys.get(0)).isEqualTo(keys.get(2)).isNotEqualTo(keys.get(1)).isNotEqualTo(keys.get(4));
        assertThat(keys.get(1)).isEqualTo(keys.get(3)).startsWith("synth-1-0-");
    }

    // ---- lifecycle and validation -----------------------------------------------------------------------------

    @Test
    @DisplayName("a value that is not JSON fails the write, names the event, and keeps nothing of it")
    void badValue() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.empty());
        LogEvent bad = new LogEvent("bad", "d", Events.Y2K, true, "page", dev.synth.event.Block.CORE,
                Props.of("x", new Object()), 1000, 1000);

        assertThatThrownBy(() -> sink.write(List.of(Events.page("ok", Events.Y2K, "a"), bad), List.of()))
                .isInstanceOf(SinkException.class).hasMessageContaining("'x'").hasMessageContaining("bad");
        sink.write(List.of(Events.page("u9", Events.Y2K, "a")), List.of());
        sink.commit();
        assertThat(logUsers(server.logItems(server.accepted()))).containsExactly("u9");
    }

    @Test
    @DisplayName("open continues counting at the committed position; a foreign position is refused")
    void positions() {
        LoopbackServer server = server();
        HttpEventSink sink = open(sink(server).build(), Optional.of("steps=5;batches=9"));
        sink.write(Events.pages(0, 1), List.of());
        assertThat(sink.commit()).isEqualTo("steps=6;batches=10");
        assertThat(server.requests().get(0).idempotencyKey()).startsWith("synth-5-0-");
        sink.close();

        assertThatThrownBy(() -> sink.open(RUN, Optional.of("log=10;catalog=20"))).isInstanceOf(SinkException.class)
                .hasMessageContaining("not one of an HTTP sink");
    }

    @Test
    @DisplayName("an interrupt while waiting to retry fails the commit and keeps the interrupt flag")
    void interrupted() {
        LoopbackServer server = server().then(Reply.status(500));
        HttpEventSink sink = open(sink(server).sleeper(d -> {
            throw new InterruptedException();
        }).build(), Optional.empty());
        sink.write(Events.pages(0, 1), List.of());
        try {
            assertThatThrownBy(sink::commit).isInstanceOf(SinkException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @DisplayName("the builder validates early and never shows the key")
    void builderValidation() {
        assertThatThrownBy(() -> HttpEventSink.builder().baseUrl(java.net.URI.create("ftp://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> HttpEventSink.builder().baseUrl(java.net.URI.create("http://h/a?q=1")))
                .hasMessageContaining("query");
        assertThatThrownBy(() -> HttpEventSink.builder().apiKey("  ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> HttpEventSink.builder().apiKey("sec\nret")).hasMessageNotContaining("sec");
        assertThatThrownBy(() -> HttpEventSink.builder().maxBatchSize(5001)).hasMessageContaining("5001");
        assertThatThrownBy(() -> HttpEventSink.builder().apiKey("k").build()).isInstanceOf(IllegalStateException.class);
        HttpEventSink sink = HttpEventSink.builder().baseUrl(java.net.URI.create("https://user:pw@h.example/api/"))
                .apiKey("k").build();
        assertThat(sink.baseUrl()).isEqualTo("https://h.example/api");
        assertThat(sink.toString()).doesNotContain("pw");
    }

    @Test
    @DisplayName("a base URL with a path keeps it: {api_url}/data/ingest/log")
    void basePath() {
        LoopbackServer server = server();
        HttpEventSink sink = open(HttpEventSink.builder().baseUrl(server.baseUrl().resolve("/api/v1/")).apiKey(KEY)
                .build(), Optional.empty());
        sink.write(Events.pages(0, 1), List.of());
        sink.commit();
        assertThat(server.requests().get(0).path()).isEqualTo("/api/v1/data/ingest/log");
    }
}
