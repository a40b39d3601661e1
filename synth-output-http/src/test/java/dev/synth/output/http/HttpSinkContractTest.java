package dev.synth.output.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The HTTP sink against a loopback server. At least once: what a server received cannot be taken back (its
 * idempotency keys let the server drop repeats). Catalog payloads carry no timestamp and only some types are
 * sent, so only log events are compared.
 */
@DisplayName("HttpEventSink keeps the EventSink contract (at least once, loopback server)")
class HttpSinkContractTest extends EventSinkContract {
    private final LoopbackServer server = LoopbackServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected EventSink newSink() {
        return HttpEventSink.builder().baseUrl(server.baseUrl()).apiKey("contract").retries(1)
                .requestTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    protected boolean exactlyOnce() {
        return false;
    }

    @Override
    protected boolean writesCatalogEvents() {
        return false;
    }

    @Override
    protected Output read() {
        List<String> logs = server.logItems(server.acceptedOncePerKey()).stream()
                .map((JsonNode n) -> n.get("ts").asText() + "|" + n.get("type").asText() + "|"
                        + n.get("u_id").asText())
                .toList();
        return new Output(logs, List.of());
    }
}
