package dev.synth.model.nudge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.SynthException;
import dev.synth.event.Micros;
import dev.synth.event.Timestamps;
import dev.synth.spi.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference's nudge API (7.3): {@code GET {api_url}/nudge/sdk/get?subject_id=...&queued_at=...} with
 * {@code Authorization: Bearer <api_key>}; the answer is a JSON list of {@code {id, action, queued_at |
 * dispatched_at}} ({@code dispatched_at} preferred). Failed calls are retried with doubling waits (1 s, 2 s,
 * ... capped at 30 s) up to {@code retries} times, then a {@link SynthException} names the URL (never the
 * key). Thread-safe.
 */
public final class HttpNudgeClient implements NudgeClient {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpNudgeClient.class);
    private final URI endpoint;
    /** The endpoint without user info: safe for logs and messages (the key is sent in a header, never logged). */
    private final String printable;
    private final String apiKey;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final int retries;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();

    public HttpNudgeClient(URI apiUrl, String apiKey, Sleeper sleeper, int retries, Duration timeout) {
        String base = apiUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "nudge/sdk/get");
        this.printable = endpoint.getRawUserInfo() == null ? endpoint.toString()
                : endpoint.toString().replace(endpoint.getRawUserInfo() + "@", "****@");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retries = retries;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A client for {@code api_url} with 12 retries and a 10 s timeout, waiting with {@code sleeper}. */
    public static HttpNudgeClient of(String apiUrl, String apiKey, Sleeper sleeper) {
        return new HttpNudgeClient(URI.create(apiUrl), apiKey, sleeper, 12, Duration.ofSeconds(10));
    }

    @Override
    public List<Nudge> fetch(String subjectId, Instant queuedAfter) {
        URI uri = URI.create(endpoint + "?subject_id=" + URLEncoder.encode(subjectId, StandardCharsets.UTF_8)
                + "&queued_at=" + URLEncoder.encode(Timestamps.format(Micros.of(queuedAfter)), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json").build();
        String failure = "";
        long waitMillis = 1000;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return parse(subjectId, response.body());
                }
                failure = "HTTP " + response.statusCode();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SynthException("interrupted while asking " + printable + " for nudges", e);
            }
            if (attempt < retries) {
                LOG.warn("nudge backend {}: call {} of {} failed ({}); retrying in {} ms", printable, attempt + 1,
                        retries + 1, failure, waitMillis);
                try {
                    sleeper.sleep(Duration.ofMillis(waitMillis));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SynthException("interrupted while asking " + printable + " for nudges", e);
                }
                waitMillis = Math.min(waitMillis * 2, 30_000);
            }
        }
        LOG.warn("nudge backend {}: call {} of {} failed ({}); giving up", printable, retries + 1, retries + 1, failure);
        throw new SynthException("nudge backend " + printable + " failed " + (retries + 1) + " times; last: " + failure);
    }

    /**
     * One request, no retries: a backend that cannot be connected to fails the run at once, naming the URL
     * (never the key) and the settings to check. A backend that answers with an error status is reachable: that
     * is logged at WARN, and each later call retries as usual.
     */
    @Override
    public void checkReachable() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint
                + "?subject_id=synth-start-up-check&queued_at=" + URLEncoder.encode(Timestamps.format(0),
                        StandardCharsets.UTF_8)))
                .timeout(timeout).GET().header("Authorization", "Bearer " + apiKey).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                LOG.warn("nudge backend {} answered HTTP {} at start-up; check global.api_url and global.api_key",
                        printable, response.statusCode());
            }
        } catch (IOException e) {
            throw new SynthException("nudge backend " + printable + " is unreachable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): global.use_nudges asks it for nudges near real time. Check global.api_url, or set"
                    + " use_nudges: false", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthException("interrupted while checking the nudge backend " + printable, e);
        }
    }

    List<Nudge> parse(String subjectId, String body) throws IOException {
        JsonNode list = mapper.readTree(body);
        List<Nudge> nudges = new ArrayList<>();
        for (JsonNode item : list) {
            JsonNode time = item.hasNonNull("dispatched_at") ? item.get("dispatched_at") : item.get("queued_at");
            @SuppressWarnings("unchecked")
            Map<String, Object> action = item.hasNonNull("action") && item.get("action").isObject()
                    ? mapper.convertValue(item.get("action"), LinkedHashMap.class) : new LinkedHashMap<>();
            nudges.add(new Nudge(item.path("id").asLong(), subjectId, parseTime(time.asText()), "push_notification",
                    action));
        }
        nudges.sort(Comparator.comparingLong(Nudge::queuedAtMicros));
        return nudges;
    }

    /** Reads {@code 2001-01-01T01:01:01[.ffffff][Z]}. */
    static long parseTime(String text) {
        String t = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        return Micros.of(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    }
}
