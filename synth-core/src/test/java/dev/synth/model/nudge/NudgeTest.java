package dev.synth.model.nudge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.synth.Simulation;
import dev.synth.config.EngagementConfig;
import dev.synth.config.NudgeConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.model.session.SessionEngagementUser;
import dev.synth.random.RandomStreams;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.SimulationListener;
import dev.synth.testing.MutableClock;
import dev.synth.testing.TestConfigs;
import dev.synth.user.UserIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference 3.2.8-3.2.10, 7.3, 9.3, 9.7, 9.9, 9.10 nudge facts. */
class NudgeTest {

    private static long at(String iso) {
        return Micros.of(Instant.parse(iso));
    }

    @Test
    @DisplayName("bonus sessions follow the reference's table")
    void bonusTable() {
        NudgeConfig one = NudgeConfig.builder().bonusSessionCount(1).bonusSessionDays(1).build();
        long nudge = at("2000-01-01T00:00:00Z");
        assertThat(NudgeRules.bonusSessions(one, nudge, at("2000-01-01T00:00:00Z"))).isEqualTo(1);
        assertThat(NudgeRules.bonusSessions(one, nudge, at("2000-01-01T12:00:00Z"))).isEqualTo(1);
        assertThat(NudgeRules.bonusSessions(one, nudge, at("2000-01-01T23:59:59Z"))).isEqualTo(1);
        assertThat(NudgeRules.bonusSessions(one, nudge, at("2000-01-02T00:00:00Z"))).isZero();
        NudgeConfig seven = NudgeConfig.builder().bonusSessionCount(7).bonusSessionDays(7).build();
        long later = at("2001-01-01T00:00:00Z");
        assertThat(NudgeRules.bonusSessions(seven, later, at("2000-01-01T00:00:00Z"))).isZero();
        for (String day : List.of("2001-01-01", "2001-01-03", "2001-01-07")) {
            assertThat(NudgeRules.bonusSessions(seven, later, at(day + "T00:00:00Z"))).as(day).isEqualTo(7);
        }
        for (String day : List.of("2001-01-08", "2001-01-09", "2002-01-01")) {
            assertThat(NudgeRules.bonusSessions(seven, later, at(day + "T00:00:00Z"))).as(day).isZero();
        }
        assertThat(NudgeRules.bonusSessions(seven, at("2002-01-01T00:00:00Z"), at("2000-01-01T00:00:00Z"))).isZero();
        assertThat(NudgeRules.bonusSessions(seven, Long.MIN_VALUE, at("2000-01-01T00:00:00Z"))).isZero();
    }

    @Test
    @DisplayName("an opened nudge with a 0.5 decay effect halves engagement 1.0; the response payload")
    void openedNudge() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .nudges(n -> n.responseProbabilities(Map.of("open", 1.0))
                        .engagementEffect(EngagementConfig.builder().changeProbability(1).boostProbability(0)
                                .decayProbability(1).change(0.5, 0.5).build()))
                .build();
        SessionEngagementUser user = new SessionEngagementUser(
                new UserIdentity("u-1", 0, "1", profile.name(), at("2001-01-01T00:00:00Z")), profile);
        user.state().engagement = 1.0;
        long when = at("2001-01-01T00:05:00Z");
        NudgeReceiver.Response response = user.receive(new Nudge(123, "u-1", when - 1, "push_notification", Map.of()),
                when, new RandomStreams(1).stream(1));
        assertThat(user.engagement()).isEqualTo(0.5);
        assertThat(response.props()).isEqualTo(Map.of("nudge_id", 123L, "type", "push_notification",
                "response", Map.of("action", "open")));
        assertThat(user.lastNudgeMicros()).isEqualTo(when);
    }

    @Test
    @DisplayName("the HTTP client sends the reference's GET and reads ids, subjects and times")
    void httpClient() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> requests = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = """
                    [{"id": -97914866, "action": {"type": "x"}, "queued_at": "2001-01-01T01:01:01.000000Z"},
                     {"id": -32731650, "queued_at": "2000-01-01T00:00:00Z", "dispatched_at": "2002-02-02T02:02:02Z"}]
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpNudgeClient client = new HttpNudgeClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    "test key", d -> { }, 1, Duration.ofSeconds(5));
            List<Nudge> nudges = client.fetch("user-7", Instant.parse("2000-01-02T20:20:00Z"));
            assertThat(requests).containsExactly(
                    "/nudge/sdk/get?subject_id=user-7&queued_at=2000-01-02T20:20:00.000000Z Bearer test key");
            assertThat(nudges).extracting(Nudge::id).containsExactly(-97914866L, -32731650L);
            assertThat(nudges).extracting(Nudge::subjectId).containsOnly("user-7");
            assertThat(nudges).extracting(Nudge::queuedAt).containsExactly(Instant.parse("2001-01-01T01:01:01Z"),
                    Instant.parse("2002-02-02T02:02:02Z"));
            assertThat(nudges.get(0).action()).containsEntry("type", "x");
        } finally {
            server.stop(0);
        }
    }

    /** A backend that records calls and answers from a function. */
    static final class FakeBackend implements NudgeClient {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile java.util.function.BiFunction<String, Instant, List<Nudge>> answer = (s, t) -> List.of();

        @Override
        public List<Nudge> fetch(String subjectId, Instant queuedAfter) {
            calls.add(subjectId + "@" + queuedAfter);
            return answer.apply(subjectId, queuedAfter);
        }
    }

    private static SimulationConfig nudging(ProfileConfig profile) {
        return TestConfigs.withGlobal(TestConfigs.singleUser(profile),
                g -> g.useNudges(true).artificialNudgeMinRegistrationDelayDays(0).endTs(null));
    }

    @Test
    @DisplayName("history never calls the backend; near real time checks do, and a real nudge is answered once")
    void integration() {
        ProfileConfig profile = TestConfigs.boringGuy().nudges(n -> n.checksPerDay(1000, 1000)).build();
        FakeBackend backend = new FakeBackend();
        MutableClock wall = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        InMemoryStateStore store = new InMemoryStateStore();
        MemorySink history = new MemorySink();
        Simulation.builder().config(nudging(profile)).stateStore(store).addSink(history).clock(wall)
                .addExtension(NudgeExtension.using(backend)).end(TestConfigs.START.plusSeconds(2 * 86_400)).build().run();
        assertThat(backend.calls).isEmpty();
        assertThat(history.logEvents()).anyMatch(e -> e.type().equals("nudge_response")
                && ((Number) e.props().get("nudge_id")).longValue() < 0);
        assertThat(history.logEvents()).as("made-up responses are marked fake when they are made, nothing else")
                .allMatch(e -> e.fake() == (e.type().equals("nudge_response")
                        && ((Number) e.props().get("nudge_id")).longValue() < 0));

        // now the wall clock is at the simulated clock: live checks ask the backend
        Instant now = TestConfigs.START.plusSeconds(2 * 86_400);
        wall = new MutableClock(now);
        MutableClock liveWall = wall;
        String[] user = new String[1];
        long queued = Micros.of(now.plus(Duration.ofMinutes(1)));
        backend.answer = (subject, since) -> {
            user[0] = subject;
            return List.of(new Nudge(2, subject, queued, "push_notification", Map.of()),
                    new Nudge(3, "somebody-else", queued, "push_notification", Map.of()));
        };
        MemorySink live = new MemorySink();
        Simulation sim = Simulation.builder().config(nudging(profile)).stateStore(store).addSink(live).clock(wall)
                .sleeper(liveWall::advance).onlinePause(Duration.ofMinutes(1)).addExtension(NudgeExtension.using(backend))
                .end(now.plus(Duration.ofMinutes(50))).build();
        sim.run();
        assertThat(backend.calls.size()).isGreaterThan(10);
        List<LogEvent> responses = live.logEvents().stream().filter(e -> e.type().equals("nudge_response")).toList();
        assertThat(responses.stream().filter(e -> ((Number) e.props().get("nudge_id")).longValue() == 2)).hasSize(1);
        assertThat(responses.stream().filter(e -> ((Number) e.props().get("nudge_id")).longValue() == 3)).isEmpty();
        assertThat(responses.stream().filter(e -> ((Number) e.props().get("nudge_id")).longValue() > 0)).hasSize(1)
                .allMatch(e -> !e.fake());
    }

    @Test
    @DisplayName("inactive users who open a nudge come back near real time, and only then")
    void nudgeResurrection() throws IOException {
        ProfileConfig churning = TestConfigs.boringGuy().earlyStart()
                .sessionEngagement(e -> e.initial(1, 1).changeProbability(1).boostProbability(0).decayProbability(1)
                        .change(1, 1))
                .nudges(n -> n.responseProbabilities(Map.of("open", 1.0))
                        .engagementEffect(EngagementConfig.builder().changeProbability(1).boostProbability(1)
                                .decayProbability(0).change(1, 1).build()))
                .build();
        SimulationConfig config = nudging(churning).toBuilder()
                .population(p -> p.initialCount(2).targetMinCount(2).targetMaxCount(2)
                        .inactiveNudgeCheckRatioPerHour(1.0))
                .build();
        // the backend is a real HTTP server on loopback that has one nudge for anybody, queued just after "since"
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/nudge/sdk/get", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String since = query.substring(query.indexOf("queued_at=") + 10);
            long queued = HttpNudgeClient.parseTime(since) + Micros.PER_SECOND;
            byte[] body = ("[{\"id\": 42, \"queued_at\": \"" + dev.synth.event.Timestamps.format(queued) + "\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        NudgeClient backend = new HttpNudgeClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "key", d -> { }, 0, Duration.ofSeconds(5));
        List<String> back = new ArrayList<>();
        SimulationListener listener = new SimulationListener() {
            @Override
            public void userResurrected(String platformUuid, Instant when) {
                back.add(platformUuid);
            }
        };
        // offline (the wall clock is years ahead): churned users stay churned
        InMemoryStateStore store = new InMemoryStateStore();
        Simulation.builder().config(config).stateStore(store).clock(new MutableClock(Instant.parse("2030-01-01T00:00:00Z")))
                .addExtension(NudgeExtension.using(backend)).addListener(listener).end(TestConfigs.START.plusSeconds(3 * 86_400)).build().run();
        assertThat(back).isEmpty();
        // online: the wall clock is at the simulated clock
        MutableClock wall = new MutableClock(TestConfigs.START.plusSeconds(3 * 86_400));
        Simulation.builder().config(config).stateStore(store).clock(wall).sleeper(wall::advance)
                .onlinePause(Duration.ofMinutes(10)).addExtension(NudgeExtension.using(backend)).addListener(listener)
                .end(TestConfigs.START.plusSeconds(3 * 86_400 + 3 * 3600)).build().run();
        server.stop(0);
        assertThat(back).isNotEmpty();
    }
}
