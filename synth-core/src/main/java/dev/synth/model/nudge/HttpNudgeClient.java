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
    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final int retries;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();

    public HttpNudgeClient(URI apiUrl, String apiKey, Sleeper sleeper, int retries, Duration timeout) {
        String base = apiUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "nudge/sdk/get");
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
                throw new SynthException("interrupted while asking " + endpoint + " for nudges", e);
            }
            if (attempt < retries) {
                try {
                    sleeper.sleep(Duration.ofMillis(waitMillis));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SynthException("interrupted while asking " + endpoint + " for nudges", e);
                }
                waitMillis = Math.min(waitMillis * 2, 30_000);
            }
        }
        throw new SynthException("nudge backend " + endpoint + " failed " + (retries + 1) + " times; last: " + failure);
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
