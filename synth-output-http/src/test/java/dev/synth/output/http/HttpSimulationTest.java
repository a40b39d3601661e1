package dev.synth.output.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.SynthException;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.output.http.LoopbackServer.Reply;
import dev.synth.output.http.LoopbackServer.Request;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpSimulationTest {
    private static final SimulationConfig CONFIG = ExampleConfigs.mixedPopulation(10);
    private static final Instant MIDDLE = TestConfigs.START.plusSeconds(2 * 86_400);
    private static final Instant END = TestConfigs.START.plusSeconds(3 * 86_400);
    private static final HttpPayloads PAYLOADS = new HttpPayloads();

    private final LoopbackServer server = LoopbackServer.start();
    private final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpEventSink sink() {
        return HttpEventSink.builder().baseUrl(server.baseUrl()).apiKey("test key").sleeper(waits::add).retries(2)
                .build();
    }

    private static MemorySink memoryRun(long seed) {
        MemorySink memory = new MemorySink();
        Simulation.builder().config(CONFIG).seed(seed).addSink(memory).end(END).build().run();
        return memory;
    }

    /** What the memory sink's events look like as HTTP payloads. */
    private static List<JsonNode> expectedLogItems(MemorySink memory) {
        return memory.logEvents().stream().map(e -> json(PAYLOADS.log(e))).toList();
    }

    private static List<JsonNode> expectedCatalogItems(MemorySink memory) {
        List<JsonNode> items = new ArrayList<>();
        for (CatalogEvent e : memory.catalogEvents()) {
            PAYLOADS.catalog(e).ifPresent(b -> items.add(json(b)));
        }
        return items;
    }

    private static List<JsonNode> catalogItems(List<Request> requests) {
        List<JsonNode> items = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().startsWith(HttpEventSink.CATALOG_PATH)) {
                r.json().forEach(items::add);
            }
        }
        return items;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return LoopbackServer.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a simulation over three days delivers the same log events, in the same order, as a memory sink;"
            + " the result counts what was delivered")
    void sameAsMemorySink() {
        MemorySink memory = memoryRun(7);

        dev.synth.SimulationResult result = Simulation.builder().config(CONFIG).seed(7).addSink(sink()).end(END)
                .build().run();

        List<JsonNode> logs = server.logItems(server.accepted());
        assertThat(logs).hasSizeGreaterThan(500).isEqualTo(expectedLogItems(memory));
        List<JsonNode> catalogs = catalogItems(server.accepted());
        assertThat(catalogs).isNotEmpty().isEqualTo(expectedCatalogItems(memory));
        dev.synth.spi.SinkCount delivered = result.sinks().values().iterator().next();
        assertThat(delivered.logEvents()).isEqualTo(logs.size()).isEqualTo(result.logEvents());
        assertThat(delivered.catalogEvents()).as("only the catalog types the API takes")
                .isEqualTo(catalogs.size()).isLessThan(result.catalogEvents());
        assertThat(server.requests()).allMatch(r -> "Bearer test key".equals(r.header("Authorization")));
        assertThat(waits).isEmpty();
        List<LogEvent> memoryLogs = memory.logEvents();
        assertThat(logs.get(0).get("ts").asText()).isEqualTo(
                dev.synth.event.Timestamps.format(memoryLogs.get(0).timeMicros()));
    }

    @Test
    @DisplayName("a run that fails on a server outage, then resumes once the server recovers, delivers every event"
            + " once, in order, as one unbroken run")
    void outageAndResume() {
        MemorySink memory = memoryRun(7);
        InMemoryStateStore store = new InMemoryStateStore();
        HttpEventSink sink = sink();

        Simulation first = Simulation.builder().config(CONFIG).seed(7).stateStore(store).addSink(sink).end(MIDDLE)
                .build();
        first.run();
        int delivered = server.accepted().size();
        assertThat(delivered).isGreaterThan(0);

        // the server goes down for longer than the retry budget: the run fails at a step and commits no further
        server.then(3, Reply.status(503));
        Simulation second = Simulation.builder().config(CONFIG).seed(7).stateStore(store).addSink(sink).end(END)
                .build();
        assertThatThrownBy(second::run).isInstanceOf(SynthException.class).hasMessageContaining("503")
                .hasMessageNotContaining("test key");
        // once the server is back, the same simulation continues from the last committed step
        second.run();

        assertThat(server.logItems(server.accepted())).isEqualTo(expectedLogItems(memory));
        assertThat(catalogItems(server.accepted())).isEqualTo(expectedCatalogItems(memory));
        assertThat(server.accepted()).extracting(Request::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("sink_types: [http] creates the sink from global.api_url and global.api_key")
    void fromConfig() {
        SimulationConfig config = TestConfigs.withGlobal(CONFIG, g -> g.sinkTypes(List.of("http"))
                .apiUrl(server.baseUrl() + "/").apiKey("config key"));
        Simulation simulation = Simulation.builder().config(config).seed(3).end(TestConfigs.START.plusSeconds(86_400))
                .build();
        assertThat(simulation.sinks()).singleElement().isInstanceOf(HttpEventSink.class);

        simulation.run();

        assertThat(server.accepted()).isNotEmpty()
                .allMatch(r -> "Bearer config key".equals(r.header("Authorization")));
        assertThat(server.accepted()).extracting(Request::path).contains("/data/ingest/log",
                "/data/ingest/catalog/user");
    }

    @Test
    @DisplayName("the provider is found by ServiceLoader and refuses a bad global.api_url or global.api_key by name")
    void providerValidation() {
        EventSinkProvider provider = ServiceLoader.load(EventSinkProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.type().equals("http")).findFirst().orElseThrow();
        assertThat(provider).isInstanceOf(HttpSinkProvider.class);

        SimulationConfig badUrl = TestConfigs.withGlobal(CONFIG, g -> g.apiUrl("not a url"));
        assertThatThrownBy(() -> provider.create(badUrl)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.api_url");
        SimulationConfig ftp = TestConfigs.withGlobal(CONFIG, g -> g.apiUrl("ftp://host/x"));
        assertThatThrownBy(() -> provider.create(ftp)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.api_url").hasMessageContaining("http");
        for (String leaky : new String[] {"http://u:S3cret/pw@host name/x?token=T0ken",
                "ftp://u:S3cret/pw@host/x?token=T0ken"}) {
            SimulationConfig malformed = TestConfigs.withGlobal(CONFIG, g -> g.apiUrl(leaky));
            assertThatThrownBy(() -> provider.create(malformed)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("global.api_url").hasMessageNotContaining("S3cret")
                    .hasMessageNotContaining("T0ken");
        }
        SimulationConfig badKey = TestConfigs.withGlobal(CONFIG, g -> g.apiKey("secret\r\n"));
        assertThatThrownBy(() -> provider.create(badKey)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.api_key").hasMessageNotContaining("secret");

        EventSink sink = provider.create(TestConfigs.withGlobal(CONFIG, g -> g.apiUrl("https://ingest.example.com/")));
        assertThat(((HttpEventSink) sink).baseUrl()).isEqualTo("https://ingest.example.com");
        assertThat(sink.name()).isEqualTo("http");
    }
}
