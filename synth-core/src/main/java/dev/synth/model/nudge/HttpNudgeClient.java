package dev.synth.model.nudge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.RetryPolicy;
import dev.synth.Secrets;
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
import java.time.Clock;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference's nudge API (7.3): {@code GET {api_url}/nudge/sdk/get?subject_id=...&queued_at=...} with
 * {@code Authorization: Bearer <api_key>}; the answer is a JSON list of {@code {id, action, queued_at |
 * dispatched_at}} ({@code dispatched_at} preferred). Failed calls are retried with doubling waits (1 s, 2 s,
 * ... capped at 30 s: synth's {@link RetryPolicy}) up to {@code retries} times, one WARN line each, then a
 * {@link SynthException} names the URL (never the key, the URL's user info or query). Thread-safe.
 */
public final class HttpNudgeClient implements NudgeClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpNudgeClient.class);
    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final String shownEndpoint;
    private final Clock wallClock;
    private final ObjectMapper mapper = new ObjectMapper();

    public HttpNudgeClient(URI apiUrl, String apiKey, Sleeper sleeper, int retries, Duration timeout) {
        String base = apiUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "nudge/sdk/get");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retry = new RetryPolicy(retries + 1, Duration.ofSeconds(1), Duration.ofSeconds(30));
        this.timeout = timeout;
        this.shownEndpoint = Secrets.maskUrls(endpoint.toString());
        this.wallClock = Clock.systemUTC();
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
        return retry.execute(() -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return parse(subjectId, response.body());
        }, new RetryPolicy.Handler() {
            @Override
            public boolean isRetryable(Exception failure) {
                return failure instanceof IOException;
            }

            @Override
            public void retrying(int attempt, Exception failure, Duration wait) {
                LOG.warn("nudge backend {}: {}; retry {} of {} in {} ms", shownEndpoint, describe(failure), attempt,
                        retry.maxAttempts() - 1, wait.toMillis());
            }

            @Override
            public RuntimeException giveUp(Exception failure, boolean retryable, int attempts, Duration elapsed) {
                LOG.warn("nudge backend {}: {}; giving up after {} calls", shownEndpoint, describe(failure), attempts);
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return new SynthException("interrupted while asking " + shownEndpoint + " for nudges");
                }
                return new SynthException("nudge backend " + shownEndpoint + " failed " + attempts + " times; last: "
                        + describe(failure));
            }

            @Override
            public RuntimeException interrupted(Exception lastFailure) {
                return new SynthException("interrupted while asking " + shownEndpoint + " for nudges");
            }
        }, sleeper, wallClock);
    }

    private static String describe(Exception e) {
        String message = e.getClass() == IOException.class ? String.valueOf(e.getMessage())
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return Secrets.maskUrls(message);
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
                        shownEndpoint, response.statusCode());
            }
        } catch (IOException e) {
            throw new SynthException("nudge backend " + shownEndpoint + " is unreachable (" + describe(e)
                    + "): global.use_nudges asks it for nudges near real time. Check global.api_url, or set"
                    + " use_nudges: false", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthException("interrupted while checking the nudge backend " + shownEndpoint, e);
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
