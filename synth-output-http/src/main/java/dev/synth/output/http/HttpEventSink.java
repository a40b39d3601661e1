package dev.synth.output.http;

import dev.synth.RetryPolicy;
import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.random.RandomStreams;
import dev.synth.spi.EventSink;
import dev.synth.spi.RunKey;
import dev.synth.spi.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventSink} that posts events to an ingestion API over HTTP (reference 7.2), on the JDK's
 * {@link HttpClient}.
 *
 * <pre>{@code
 * EventSink http = HttpEventSink.builder()
 *     .baseUrl(URI.create("https://ingest.example.com"))
 *     .apiKey(System.getenv("SYNTH_API_KEY"))
 *     .build();
 * }</pre>
 *
 * <h2>Requests</h2>
 * <ul>
 *   <li>Log events, in batches of at most {@link Builder#maxBatchSize(int) 5000}:
 *       {@code POST {baseUrl}/data/ingest/log} with body {@code {"data": [payload, ...]}}, where a payload is the
 *       11 columns of reference 5.1 ({@code u_id, d_id, os, ol, ts, type, ip, up, dn, block, props}) with
 *       {@code ol} a JSON boolean, {@code ts} formatted as {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'} (UTC) and
 *       {@code props} a JSON object.</li>
 *   <li>Catalog events of the types {@code user, drug, blood, oxygen, medical_equipment} only, grouped into
 *       consecutive runs of one type (at most 5000 per request): {@code POST {baseUrl}/data/ingest/catalog/<type>}
 *       with body a JSON list of the type's "backend data" objects (reference 7.2). The drug's
 *       {@code active_ingredients} is sent as a JSON list of strings, not as the reference's Python repr of the
 *       list (reference 10.1 #37). Events of other types are not sent (logged once per type at DEBUG).</li>
 *   <li>Headers: {@code Content-Type: application/json}, {@code Authorization: Bearer <apiKey>} and
 *       {@value #IDEMPOTENCY_KEY_HEADER} (see below). The API key is never logged nor put in an exception
 *       message.</li>
 *   <li>Within a step: the log batches first, then the catalog batches, each in event order; one request at a
 *       time. HTTP/1.1, redirects are not followed. The reference's 10 ms pause between batches is dropped.</li>
 * </ul>
 *
 * <h2>Retries</h2>
 * A request that fails with a connection error, no response within {@link Builder#requestTimeout(Duration) the
 * request timeout}, or status 408, 425, 429 or 5xx is retried up to {@link Builder#retries(int) 10} times.
 * Before retry {@code n} (from 0) the sink waits {@code min(maxBackoff, initialBackoff * 2^n)} scaled by a
 * seeded factor in [0.5, 1) (jitter drawn from a stream of {@link RandomStreams} keyed by the run, the step, the
 * batch and the attempt - no ambient randomness), or, when the response carries {@code Retry-After} (seconds or
 * an HTTP date, measured against the injected {@link Clock}), exactly that long, capped at
 * {@link Builder#maxRetryAfter(Duration)}. The attempts and back-off are a {@link RetryPolicy} (synth's one
 * retry policy); waits go through the injected {@link Sleeper}. Any other status (a
 * 4xx such as 400, 401, 413; a 3xx) fails at once: retrying would not help. Any 2xx is success.
 *
 * <h2>Exactly once (D8) and its limit</h2>
 * {@link #write} only renders the step's events to JSON and keeps them (a value that is not JSON fails the write
 * and nothing of it is kept); {@link #commit()} posts the step's batches in order and returns the position
 * {@code steps=<n>;batches=<m>}: the number of steps (and batches) this sink has delivered in this run. When a
 * batch still fails after its retries, {@code commit} throws a {@link SinkException}; the engine then does not
 * commit the step's state, and the next run redoes the step: it re-opens the sink at the last committed position
 * and writes and commits the same events again.
 *
 * <p>Batches the endpoint already accepted for a step that was not committed are remembered by this sink
 * instance and are not posted again when the same step is redone, so within one JVM every event arrives exactly
 * once, in order. Across processes the sink cannot know: if the process dies (or another sink or the state
 * store fails) after the endpoint accepted a batch but before the step's state was committed, the redone step
 * posts that batch again. The network delivery is therefore at-least-once unless the server deduplicates.
 * To let it, every request carries an {@value #IDEMPOTENCY_KEY_HEADER} header that is the same for the same
 * batch however often it is sent: {@code synth-<step>-<batch>-<hash>}, where the hash (32 hex digits of
 * SHA-256) covers the run ({@code organisation/project}), the sink's name, the step position, the batch index and
 * the body. Because the body is part of it, a run that was deleted and started again with another seed does
 * not collide with the old run's keys. A server that stores the keys it has seen (for at least as long as a
 * failed run may take to be resumed) and drops repeats receives every event exactly once.
 *
 * <h2>Lifecycle and threading</h2>
 * Immutable configuration; not thread-safe while open: calls must not overlap, but may come from different
 * threads when handed over with a happens-before edge (the engine opens sinks on the simulation thread and
 * writes and commits on its output thread). Order: {@code open}, then {@code write} and {@code commit} per
 * step, then {@code close}. After a failed {@code commit}, either call {@code commit()} again (it retries the
 * batches not yet delivered) or close and re-open the sink; {@code write} is refused until then. {@link #close()}
 * drops events not committed and is idempotent; a closed sink can be opened again.
 */
public final class HttpEventSink implements EventSink {
    /** The default {@link #name()}. */
    public static final String DEFAULT_NAME = "http";
    /** The largest (and default) number of events per request (reference 7.2). */
    public static final int MAX_BATCH_SIZE = 5000;
    /** The header carrying a batch's idempotency key. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Path of the log endpoint, appended to the base URL. */
    public static final String LOG_PATH = "/data/ingest/log";
    /** Path prefix of the catalog endpoints, followed by the catalog type, e.g. {@code user}. */
    public static final String CATALOG_PATH = "/data/ingest/catalog/";

    private static final Logger LOG = LoggerFactory.getLogger(HttpEventSink.class);
    private static final byte[] LOG_BODY_START = ascii("{\"data\":[");
    private static final byte[] LOG_BODY_END = ascii("]}");
    private static final int MAX_BODY_IN_MESSAGE = 300;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String name;
    private final String baseUrl;
    private final String displayUrl;
    private final String apiKey;
    private final int maxBatchSize;
    private final int retries;
    /** The retries' attempts and back-off, before jitter and {@code Retry-After}: synth's one retry policy. */
    private final RetryPolicy retryPolicy;
    private final Duration maxRetryAfter;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final long seed;
    private final HttpClient suppliedClient;
    private final HttpPayloads payloads = new HttpPayloads();

    // while open
    private RunKey run;
    private HttpClient client;
    private RandomStreams jitter;
    private long steps;
    private long batches;
    private final List<byte[]> pendingLogs = new ArrayList<>();
    private final List<CatalogRun> pendingCatalogs = new ArrayList<>();
    /** Events delivered since open, for {@link #written()}. */
    private long sentLogs;
    private long sentCatalog;
    private boolean commitFailed;

    // kept across close and open: batches accepted by the endpoint for steps that may not be committed yet
    private RunKey deliveredRun;
    private final Map<String, Long> delivered = new HashMap<>();
    private final Set<CatalogType> skippedTypesLogged = EnumSet.noneOf(CatalogType.class);

    private HttpEventSink(Builder b) {
        this.name = b.name;
        this.baseUrl = b.baseUrl;
        this.displayUrl = b.displayUrl;
        this.apiKey = b.apiKey;
        this.maxBatchSize = b.maxBatchSize;
        this.retries = b.retries;
        this.retryPolicy = new RetryPolicy(b.retries + 1, b.initialBackoff, b.maxBackoff);
        this.maxRetryAfter = b.maxRetryAfter;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.seed = b.seed;
        this.suppliedClient = b.httpClient;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /** The base URL requests go to (without user info), e.g. {@code https://ingest.example.com}. */
    public String baseUrl() {
        return displayUrl;
    }

    /** The largest number of events in one request. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    /**
     * Prepares the HTTP client. On a resume, continues counting steps at {@code committedPosition}; batches
     * delivered by this instance for a step after it are remembered and not sent again.
     *
     * @throws SinkException if the position is not one of this sink's
     * @throws IllegalStateException if the sink is already open
     */
    @Override
    public void open(RunKey run, Optional<String> committedPosition) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(committedPosition, "committedPosition");
        if (this.run != null) {
            throw new IllegalStateException(this + " is already open for run " + this.run);
        }
        String prefix = "[" + run + "] http sink '" + name + "': ";
        Position at = committedPosition.map(p -> Position.parse(p, prefix)).orElse(new Position(0, 0));
        if (!run.equals(deliveredRun)) {
            delivered.clear();
            deliveredRun = run;
        }
        delivered.values().removeIf(step -> step < at.steps());
        this.client = suppliedClient != null ? suppliedClient : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.jitter = new RandomStreams(new RandomStreams(seed).derive(RandomStreams.key("http-sink-retry"),
                RandomStreams.key(run.toString()), RandomStreams.key(name)));
        this.steps = at.steps();
        this.batches = at.batches();
        this.pendingLogs.clear();
        this.pendingCatalogs.clear();
        this.commitFailed = false;
        this.sentLogs = 0;
        this.sentCatalog = 0;
        this.run = run;
        if (committedPosition.isEmpty()) {
            LOG.info("[{}] http sink '{}' posting events to {}", run, name, displayUrl);
        } else {
            LOG.info("[{}] http sink '{}' resuming after step {} ({} batches), posting to {}", run, name,
                    at.steps(), at.batches(), displayUrl);
        }
    }

    /**
     * Renders one step's events to JSON and keeps them for {@link #commit()}; nothing is sent. All or nothing.
     *
     * @throws SinkException naming the event whose props or data hold a value that is not JSON
     * @throws IllegalStateException if the sink is not open, or the last commit failed (commit again or re-open)
     */
    @Override
    public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        Objects.requireNonNull(logEvents, "logEvents");
        Objects.requireNonNull(catalogEvents, "catalogEvents");
        checkOpen();
        if (commitFailed) {
            throw new IllegalStateException(prefix() + "the last commit failed: commit again, or close and re-open"
                    + " the sink to redo the step");
        }
        List<byte[]> logs = new ArrayList<>(logEvents.size());
        List<CatalogType> types = new ArrayList<>();
        List<byte[]> items = new ArrayList<>();
        Object current = null;
        try {
            for (LogEvent e : logEvents) {
                current = e;
                logs.add(payloads.log(e));
            }
            for (CatalogEvent e : catalogEvents) {
                current = e;
                Optional<byte[]> body = payloads.catalog(e);
                if (body.isPresent()) {
                    types.add(e.type());
                    items.add(body.get());
                } else if (skippedTypesLogged.add(e.type()) && LOG.isDebugEnabled()) {
                    LOG.debug("[{}] http sink '{}': catalog events of type {} are not sent (only {} are)", run, name,
                            e.type().configName(), HttpPayloads.SENT_TYPES);
                }
            }
        } catch (RuntimeException e) {
            throw new SinkException(prefix() + "cannot render " + current + ": " + e.getMessage(), e);
        }
        pendingLogs.addAll(logs);
        for (int i = 0; i < items.size(); i++) {
            CatalogType type = types.get(i);
            CatalogRun last = pendingCatalogs.isEmpty() ? null : pendingCatalogs.get(pendingCatalogs.size() - 1);
            if (last == null || last.type != type) {
                last = new CatalogRun(type);
                pendingCatalogs.add(last);
            }
            last.items.add(items.get(i));
        }
    }

    /**
     * Posts the events written since the last commit, in batches, with retries, and returns
     * {@code steps=<n>;batches=<m>}. A step without events sends nothing but still counts.
     *
     * @throws SinkException when a batch fails for good (after its retries, or at once for a status that is not
     *                       retried), or the thread is interrupted while waiting; the events stay pending
     */
    @Override
    public String commit() {
        checkOpen();
        long step = steps;
        delivered.values().removeIf(s -> s < step); // steps before this one are committed: the engine commits in order
        List<Batch> stepBatches = batches();
        int index = 0;
        for (Batch batch : stepBatches) {
            String key = idempotencyKey(step, index, batch.body);
            if (delivered.containsKey(key)) {
                LOG.debug("[{}] http sink '{}': batch {} of step {} was already accepted; not sent again", run, name,
                        index, step);
            } else {
                try {
                    post(batch, key, step, index);
                } catch (RuntimeException e) {
                    commitFailed = true;
                    throw e;
                }
                delivered.put(key, step);
            }
            index++;
        }
        sentLogs += pendingLogs.size();
        for (CatalogRun catalogRun : pendingCatalogs) {
            sentCatalog += catalogRun.items.size();
        }
        pendingLogs.clear();
        pendingCatalogs.clear();
        commitFailed = false;
        steps = step + 1;
        batches += stepBatches.size();
        return new Position(steps, batches).toString();
    }

    /**
     * Events delivered since {@link #open}: all log events, and only the catalog events of the types the
     * ingestion API takes ({@link HttpPayloads#SENT_TYPES}).
     */
    @Override
    public Optional<dev.synth.spi.SinkCount> written() {
        return Optional.of(new dev.synth.spi.SinkCount(sentLogs, sentCatalog));
    }

    /** Drops events not committed and releases the HTTP client (when the sink created it). Idempotent. */
    @Override
    public void close() {
        if (run == null) {
            return;
        }
        if (!pendingLogs.isEmpty() || !pendingCatalogs.isEmpty()) {
            LOG.debug("[{}] http sink '{}': dropping events of an uncommitted step", run, name);
        }
        pendingLogs.clear();
        pendingCatalogs.clear();
        client = null; // the JDK 17 client has no close(); its threads end once it is unreachable
        jitter = null;
        run = null;
    }

    @Override
    public String toString() {
        return "HttpEventSink[" + name + ": " + displayUrl + "]";
    }

    // ---- sending ----------------------------------------------------------------------------------------------

    /** One request: where it goes, its body and how many events it holds. */
    private record Batch(String path, byte[] body, int events) {
    }

    /** A run of consecutive catalog events of one type, rendered. */
    private static final class CatalogRun {
        final CatalogType type;
        final List<byte[]> items = new ArrayList<>();

        CatalogRun(CatalogType type) {
            this.type = type;
        }
    }

    private List<Batch> batches() {
        List<Batch> result = new ArrayList<>();
        for (int from = 0; from < pendingLogs.size(); from += maxBatchSize) {
            List<byte[]> part = pendingLogs.subList(from, Math.min(pendingLogs.size(), from + maxBatchSize));
            result.add(new Batch(LOG_PATH, join(LOG_BODY_START, part, LOG_BODY_END), part.size()));
        }
        for (CatalogRun r : pendingCatalogs) {
            for (int from = 0; from < r.items.size(); from += maxBatchSize) {
                List<byte[]> part = r.items.subList(from, Math.min(r.items.size(), from + maxBatchSize));
                result.add(new Batch(CATALOG_PATH + r.type.configName(), join(ascii("["), part, ascii("]")),
                        part.size()));
            }
        }
        return result;
    }

    private static byte[] join(byte[] start, List<byte[]> items, byte[] end) {
        int size = start.length + end.length + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            size += item.length;
        }
        byte[] out = new byte[size];
        System.arraycopy(start, 0, out, 0, start.length);
        int at = start.length;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] item = items.get(i);
            System.arraycopy(item, 0, out, at, item.length);
            at += item.length;
        }
        System.arraycopy(end, 0, out, at, end.length);
        return out;
    }

    private void post(Batch batch, String key, long step, int index) {
        URI uri = URI.create(baseUrl + batch.path);
        String what = "POST " + displayUrl + batch.path + " (step " + step + ", batch " + index + ", "
                + batch.events + " events)";
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .header(IDEMPOTENCY_KEY_HEADER, key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body))
                .build();
        for (int attempt = 0; ; attempt++) {
            String failure;
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("[{}] http sink '{}': {} -> {}", run, name, what, status);
                    }
                    return;
                }
                failure = "status " + status + bodyExcerpt(response.body());
                if (!isRetried(status)) {
                    throw new SinkException(prefix() + what + " was refused with " + failure
                            + " (not retried; the step was not committed and is redone by the next run)");
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter)
                        .orElse(null);
            } catch (HttpConnectTimeoutException e) {
                failure = "no connection within " + connectTimeout;
            } catch (HttpTimeoutException e) {
                failure = "no response within " + requestTimeout;
            } catch (ConnectException e) {
                failure = "cannot connect (" + describe(e) + ")";
            } catch (IOException e) {
                failure = describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException(prefix() + what + " was interrupted; the step was not committed", e);
            }
            if (!retryPolicy.allowsAnotherAttempt(attempt + 1, Duration.ZERO, Duration.ZERO)) {
                throw new SinkException(prefix() + what + " failed after " + (attempt + 1) + " attempts, last with "
                        + failure + "; the step was not committed and is redone by the next run");
            }
            Duration wait = retryAfter != null ? retryAfter : backoff(step, index, attempt);
            LOG.warn("[{}] http sink '{}': {} failed with {}; retry {} of {} in {} ms", run, name, what, failure,
                    attempt + 1, retries, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException(prefix() + what + " was interrupted while waiting to retry; the step was"
                        + " not committed", e);
            }
        }
    }

    /** Statuses worth retrying: the server is busy, failing or slow, not refusing this request. */
    static boolean isRetried(int status) {
        return status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599);
    }

    /** {@code min(maxBackoff, initialBackoff * 2^attempt)} times a seeded factor in [0.5, 1). */
    Duration backoff(long step, int index, int attempt) {
        long base = retryPolicy.delayAfter(attempt + 1).toNanos();
        double factor = 0.5 + 0.5 * jitter.stream(step, index, attempt).nextDouble();
        return Duration.ofNanos((long) (base * factor));
    }

    /** Seconds or an HTTP date (RFC 9110), capped at {@code maxRetryAfter}; empty when unreadable. */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        Duration wait;
        if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            wait = v.length() > 12 ? maxRetryAfter : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException e) {
                LOG.debug("[{}] http sink '{}': ignoring unreadable Retry-After '{}'", run, name, v);
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return Optional.of(wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait);
    }

    /** {@code synth-<step>-<batch>-<hash>}: the same for the same batch of the same run, however often sent. */
    private String idempotencyKey(long step, int index, byte[] body) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha.update((run + "\n" + name + "\n" + step + "\n" + index + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] hash = sha.digest(body);
        StringBuilder sb = new StringBuilder(64).append("synth-").append(step).append('-').append(index).append('-');
        for (int i = 0; i < 16; i++) {
            sb.append(HEX[(hash[i] >> 4) & 0xF]).append(HEX[hash[i] & 0xF]);
        }
        return sb.toString();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void checkOpen() {
        if (run == null) {
            throw new IllegalStateException(this + " is not open");
        }
    }

    private String prefix() {
        return "[" + run + "] http sink '" + name + "': ";
    }

    private static String bodyExcerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > MAX_BODY_IN_MESSAGE ? b.substring(0, MAX_BODY_IN_MESSAGE) + "..." : b);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** What {@link #commit()} returns: steps and batches delivered so far in this run. */
    record Position(long steps, long batches) {
        static Position parse(String text, String prefix) {
            String[] parts = text.split(";", -1);
            if (parts.length == 2 && parts[0].startsWith("steps=") && parts[1].startsWith("batches=")) {
                try {
                    long steps = Long.parseLong(parts[0].substring("steps=".length()));
                    long batches = Long.parseLong(parts[1].substring("batches=".length()));
                    if (steps >= 0 && batches >= 0) {
                        return new Position(steps, batches);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw new SinkException(prefix + "the committed position '" + text + "' is not one of an HTTP sink"
                    + " (expected steps=<n>;batches=<m>); was it stored by another kind of sink?");
        }

        @Override
        public String toString() {
            return "steps=" + steps + ";batches=" + batches;
        }
    }

    /**
     * Configures an {@link HttpEventSink}; {@link #baseUrl(URI)} and {@link #apiKey(String)} are required.
     * Defaults: name {@value HttpEventSink#DEFAULT_NAME}, batches of {@value HttpEventSink#MAX_BATCH_SIZE},
     * 10 retries, back-off from 2 s doubling up to 60 s, {@code Retry-After} honoured up to 5 min, connect timeout
     * 10 s, request timeout 60 s, {@link Clock#systemUTC()}, {@link Sleeper#threadSleep()}, jitter seed 0.
     */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String baseUrl;
        private String displayUrl;
        private String apiKey;
        private int maxBatchSize = MAX_BATCH_SIZE;
        private int retries = 10;
        private Duration initialBackoff = Duration.ofSeconds(2);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private Duration maxRetryAfter = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.threadSleep();
        private long seed;
        private HttpClient httpClient;

        private Builder() {
        }

        /**
         * The API's base URL ({@code global.api_url}), absolute, {@code http} or {@code https}, without query or
         * fragment; a trailing {@code /} is dropped. Endpoint paths are appended to it.
         *
         * @throws IllegalArgumentException naming the rule the URL breaks
         */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Optional<String> problem = problem(baseUrl);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("baseUrl was '" + redact(baseUrl) + "' but " + problem.get());
            }
            String s = baseUrl.toString();
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            this.baseUrl = s;
            String shown = redact(baseUrl);
            while (shown.endsWith("/")) {
                shown = shown.substring(0, shown.length() - 1);
            }
            this.displayUrl = shown;
            return this;
        }

        /** The bearer token ({@code global.api_key}); never logged. Must not be blank or hold control characters. */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            Optional<String> problem = apiKeyProblem(apiKey);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("apiKey " + problem.get());
            }
            this.apiKey = apiKey;
            return this;
        }

        /** The name the sink's position is stored under; each sink of a simulation needs its own. Default {@code http}. */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name was '" + name + "' but must not be blank");
            }
            this.name = name;
            return this;
        }

        /** Events per request, 1 to {@value HttpEventSink#MAX_BATCH_SIZE}; default {@value HttpEventSink#MAX_BATCH_SIZE}. */
        public Builder maxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("maxBatchSize was " + maxBatchSize + " but must be in [1, "
                        + MAX_BATCH_SIZE + "]");
            }
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** Retries of a failed request after the first attempt, {@code >= 0}; default 10 (as the reference). */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries was " + retries + " but must be >= 0");
            }
            this.retries = retries;
            return this;
        }

        /**
         * The wait before the first retry, doubled for each later one and capped at {@code max}, before jitter;
         * defaults 2 s (as the reference) and 60 s.
         */
        public Builder backoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff was (" + initial + ", " + max
                        + ") but must satisfy 0 <= initial <= max");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The longest wait a {@code Retry-After} header can ask for; longer ones are cut to it. Default 5 min. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /** How long to wait for a connection; default 10 s. Ignored with {@link #httpClient(HttpClient)}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for a response to one request (then retried); default 60 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** The wall clock, read only to turn a {@code Retry-After} date into a wait. Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How retries wait; default {@link Sleeper#threadSleep()}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Seed of the retry jitter (mixed with the run, step, batch and attempt); default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * A client to send with (proxies, TLS settings, an executor); it is not closed by the sink. Default: one
         * per open, HTTP/1.1, {@link #connectTimeout(Duration)}, redirects not followed.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** @throws IllegalStateException if the base URL or the API key is missing */
        public HttpEventSink build() {
            if (baseUrl == null) {
                throw new IllegalStateException("HttpEventSink needs baseUrl(URI)");
            }
            if (apiKey == null) {
                throw new IllegalStateException("HttpEventSink needs apiKey(String)");
            }
            return new HttpEventSink(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " was " + d + " but must not be negative");
            }
            return d;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " was " + d + " but must be positive");
            }
            return d;
        }
    }

    /** Why {@code url} cannot be a base URL, or empty when it can. */
    static Optional<String> problem(URI url) {
        String scheme = url.getScheme();
        if (!url.isAbsolute() || url.isOpaque() || scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("must be an absolute http:// or https:// URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            return Optional.of("must not have a query or fragment");
        }
        return Optional.empty();
    }

    /** Why {@code key} cannot be an API key, or empty; never quotes the key. */
    static Optional<String> apiKeyProblem(String key) {
        if (key.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    /** The URL without user info and with its query string masked, for messages ({@link dev.synth.Secrets}). */
    static String redact(URI url) {
        return dev.synth.Secrets.maskUrl(url.toString()).replace("://" + dev.synth.Secrets.MASK + "@", "://");
    }
}
