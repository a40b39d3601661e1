package dev.synth.output.http;

import dev.synth.ConfigException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code http} entry of {@code global.sink_types}: an {@link HttpEventSink} posting to
 * {@code global.api_url} with the bearer token {@code global.api_key}, with the builder's defaults for batching,
 * retries and timeouts, and its retry jitter seeded from {@code global.seed} when set.
 *
 * <p>Checks the URL and the key before the run starts: a {@link ConfigException} names {@code global.api_url}
 * (an absolute {@code http}/{@code https} URL with a host, no query or fragment) or {@code global.api_key} (not
 * blank, no control characters; its value is never quoted).
 */
public final class HttpSinkProvider implements EventSinkProvider {
    @Override
    public String type() {
        return "http";
    }

    @Override
    public EventSink create(SimulationConfig config) {
        GlobalConfig global = config.global();
        List<ConfigProblem> problems = new ArrayList<>();
        URI url = null;
        try {
            url = new URI(global.apiUrl().trim());
            Optional<String> problem = HttpEventSink.problem(url);
            if (problem.isPresent()) {
                problems.add(new ConfigProblem("global.api_url", HttpEventSink.redact(url), problem.get()
                        + " (required by sink type http)"));
                url = null;
            }
        } catch (URISyntaxException e) {
            problems.add(new ConfigProblem("global.api_url", dev.synth.Secrets.maskUrl(global.apiUrl()), "must be an"
                    + " absolute http:// or"
                    + " https:// URL (" + e.getReason() + ")"));
        }
        HttpEventSink.apiKeyProblem(global.apiKey())
                .ifPresent(p -> problems.add(new ConfigProblem("global.api_key", null, p)));
        if (!problems.isEmpty()) {
            throw new ConfigException(config.sourceFile().map(Object::toString).orElse(null), problems);
        }
        HttpEventSink.Builder builder = HttpEventSink.builder().baseUrl(url).apiKey(global.apiKey());
        global.seed().ifPresent(builder::seed);
        return builder.build();
    }
}
