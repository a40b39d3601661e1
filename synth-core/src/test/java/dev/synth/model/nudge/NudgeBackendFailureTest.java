package dev.synth.model.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.synth.Simulation;
import dev.synth.SynthException;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.MemorySink;
import dev.synth.testing.MutableClock;
import dev.synth.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Live nudges against a backend that fails: loud at once, never silent for minutes. */
class NudgeBackendFailureTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @DisplayName("an unreachable backend fails a run that will go live at once, naming the URL but not the key; nothing is written")
    void unreachableAtStartUp() throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(TestConfigs.boringGuy().build()),
                g -> g.useNudges(true).apiUrl(url).apiKey("s3cret-key").endTs(null));
        Instant now = TestConfigs.START.plus(Duration.ofDays(1));
        List<Duration> slept = new ArrayList<>();
        MemorySink sink = new MemorySink();
        Simulation simulation = Simulation.builder().config(config).addSink(sink).clock(new MutableClock(now))
                .sleeper(slept::add).build();
        assertThatThrownBy(simulation::run)
                .isInstanceOf(SynthException.class)
                .hasMessageContaining("nudge backend " + url + "/nudge/sdk/get is unreachable")
                .hasMessageContaining("global.api_url")
                .hasMessageNotContaining("s3cret-key");
        assertThat(slept).as("no waiting before failing").isEmpty();
        assertThat(sink.logEvents()).isEmpty();
    }

    @Test
    @DisplayName("a run that stays in the past never checks the backend (history never calls it)")
    void historyDoesNotCheck() throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(TestConfigs.boringGuy().build()),
                g -> g.useNudges(true).apiUrl(url).endTs(null));
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).addSink(sink).clock(new MutableClock(Instant.parse("2030-01-01T00:00:00Z")))
                .end(TestConfigs.START.plus(Duration.ofDays(1))).build().run();
        assertThat(sink.logEvents()).isNotEmpty();
    }

    @Test
    @DisplayName("each failed backend call is logged at WARN with the URL, without the key, before the retry")
    void failedCallsAreLogged() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/nudge/sdk/get", exchange -> {
            boolean fail = calls.incrementAndGet() <= 2;
            byte[] body = (fail ? "busy" : "[]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Logger logger = (Logger) LoggerFactory.getLogger(HttpNudgeClient.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpNudgeClient client = new HttpNudgeClient(URI.create(url), "s3cret-key", d -> { }, 3,
                    Duration.ofSeconds(5));
            assertThat(client.fetch("user-1", Instant.parse("2024-01-01T00:00:00Z"))).isEmpty();
            List<String> warnings = appender.list.stream()
                    .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).contains(url + "/nudge/sdk/get", "HTTP 503; retry 1 of 3")
                    .doesNotContain("s3cret-key");
        } finally {
            logger.detachAppender(appender);
            server.stop(0);
        }
    }
}
