package dev.synth.output.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A real HTTP server on the loopback interface (JDK {@code com.sun.net.httpserver}) for the tests: records
 * every request and answers from a script of replies, then 200 once the script is used up.
 */
final class LoopbackServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String idempotencyKey() {
            return header(HttpEventSink.IDEMPOTENCY_KEY_HEADER);
        }
    }

    /** A scripted reply. */
    record Reply(int status, Map<String, String> headers, long delayMillis) {
        static Reply status(int status) {
            return new Reply(status, Map.of(), 0);
        }

        static Reply retryAfter(int status, String value) {
            return new Reply(status, Map.of("Retry-After", value), 0);
        }

        static Reply slow(long delayMillis) {
            return new Reply(200, Map.of(), delayMillis);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new ArrayList<>();
    private final List<Request> accepted = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();

    private LoopbackServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static LoopbackServer start() {
        return start(0);
    }

    static LoopbackServer start(int port) {
        try {
            return new LoopbackServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on (a server bound and closed at once). */
    static int freePort() {
        try (LoopbackServer s = start()) {
            return s.port();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    synchronized LoopbackServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    synchronized LoopbackServer then(int count, Reply reply) {
        for (int i = 0; i < count; i++) {
            script.add(reply);
        }
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests answered with a 2xx status. */
    synchronized List<Request> accepted() {
        return List.copyOf(accepted);
    }

    /** Accepted requests, a repeated idempotency key counted once: what a deduplicating server keeps. */
    synchronized List<Request> acceptedOncePerKey() {
        Set<String> seen = new LinkedHashSet<>();
        return accepted.stream().filter(r -> seen.add(r.idempotencyKey())).toList();
    }

    /** The items of the accepted log batches, in order ({@code data} of each body). */
    List<JsonNode> logItems(List<Request> requests) {
        List<JsonNode> items = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(HttpEventSink.LOG_PATH)) {
                r.json().get("data").forEach(items::add);
            }
        }
        return items;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Collections.unmodifiableMap(headers), body);
        Reply reply;
        synchronized (this) {
            requests.add(request);
            reply = script.isEmpty() ? Reply.status(200) : script.poll();
            if (reply.status() / 100 == 2) {
                accepted.add(request);
            }
        }
        try {
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] answer = (reply.status() / 100 == 2 ? "{\"ok\":true}" : "{\"error\":\"scripted " + reply.status()
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
