package dev.synth.model.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.Simulation;
import dev.synth.config.CatalogConfig;
import dev.synth.config.EngagementConfig;
import dev.synth.config.EventConfig;
import dev.synth.config.ProductUserType;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import dev.synth.user.User;
import dev.synth.user.UserData;
import dev.synth.user.UserFactory;
import dev.synth.user.UserIdentity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference 9.7 and 9.10 facts of the session-engagement user that do not depend on the random stream. */
class SessionEngagementUserTest {

    private static long count(List<LogEvent> events, String type, String action) {
        return events.stream().filter(e -> e.type().equals(type) && action.equals(e.action())).count();
    }

    @Test
    @DisplayName("a mobile user backgrounding every minute: 834 logins, 833 backgrounds and resumes, one open and close")
    void backgrounding() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .earlyStart()
                .productUserType(ProductUserType.MOBILE)
                .backgroundPerMinuteProbability(1.0)
                .sessionLengthSeconds(43_200, 43_200)
                .event("page", EventConfig.of(Map.of("page_count_per_session_min", 100,
                        "page_count_per_session_max", 100, "duration_seconds_min", 432, "duration_seconds_max", 432)))
                .build();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(profile), g -> g.ratingProbability(0));
        List<LogEvent> events = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(86_400),
                new InMemoryStateStore()).logEvents();
        assertThat(events.stream().filter(e -> e.type().equals("page")).count()).isEqualTo(120);
        assertThat(count(events, "identify", "login")).isEqualTo(834);
        assertThat(count(events, "app", "background")).isEqualTo(833);
        assertThat(count(events, "app", "resume")).isEqualTo(833);
        assertThat(count(events, "app", "open")).isEqualTo(1);
        assertThat(count(events, "app", "close")).isEqualTo(1);
    }

    @Test
    @DisplayName("sessions allowed only on Wednesdays happen only on Wednesdays")
    void singleWeekday() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .sessionDayOfWeekProbabilities(List.of(0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0))
                .build();
        List<LogEvent> events = TestConfigs.runUntil(TestConfigs.singleUser(profile),
                TestConfigs.START.plusSeconds(7 * 86_400), new InMemoryStateStore()).logEvents();
        List<LogEvent> logins = events.stream().filter(e -> "login".equals(e.action())).toList();
        assertThat(logins).isNotEmpty();
        assertThat(logins).allMatch(e -> e.timestamp().atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.WEDNESDAY);
    }

    @Test
    @DisplayName("engagement decaying 0.2 a day is 0.8 after the first day, and the user is still active")
    void engagementAfterADay() {
        ProfileConfig profile = TestConfigs.boringGuy().sessionCount(5, 5)
                .sessionEngagement(EngagementConfig.builder().initial(1, 1).changeProbability(1).boostProbability(0)
                        .decayProbability(1).change(0.2, 0.2).build())
                .build();
        InMemoryStateStore store = new InMemoryStateStore();
        // D5: a change due exactly at the end of a run is released by the next step, so run one hour into day 2.
        EngagementRecorder first = new EngagementRecorder();
        Simulation.builder().config(TestConfigs.singleUser(profile)).stateStore(store)
                .registerUserType(SessionEngagementUser.TYPE, first)
                .end(TestConfigs.START.plusSeconds(86_400 + 3600)).build().run();
        assertThat(first.user.engagement()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.user.isActive()).isTrue();

        EngagementRecorder resumed = new EngagementRecorder();
        Simulation.builder().config(TestConfigs.singleUser(profile)).stateStore(store)
                .registerUserType(SessionEngagementUser.TYPE, resumed)
                .end(TestConfigs.START.plusSeconds(86_400 + 7200)).build().run();
        assertThat(resumed.user).isNotSameAs(first.user);
        assertThat(resumed.user.engagement()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** Captures the user the engine creates, to look at its state. */
    static final class EngagementRecorder implements UserFactory {
        SessionEngagementUser user;

        @Override
        public User create(UserIdentity identity, ProfileConfig profile) {
            user = new SessionEngagementUser(identity, profile);
            return user;
        }
    }

    @Test
    @DisplayName("a 60 s session of 60 s pages: one user catalog entry, register < login < pages < logout")
    void pageSession() {
        ProfileConfig profile = TestConfigs.boringGuy().sessionLengthSeconds(60, 60)
                .event("page", EventConfig.of(Map.of("duration_seconds_min", 60, "duration_seconds_max", 60)))
                .build();
        MemorySink sink = TestConfigs.runUntil(TestConfigs.singleUser(profile), TestConfigs.START.plusSeconds(86_400),
                new InMemoryStateStore());
        assertThat(sink.catalogEvents().stream().filter(c -> c.type() == CatalogType.USER)).hasSize(1);
        var user = sink.catalogEvents().stream().filter(c -> c.type() == CatalogType.USER).findFirst().orElseThrow();
        assertThat(user.data().keySet()).containsExactlyElementsOf(UserData.KEYS);
        List<LogEvent> events = sink.logEvents();
        assertThat(events.stream().filter(e -> e.type().equals("identify"))).hasSize(3);
        Instant register = find(events, e -> "register".equals(e.action())).timestamp();
        Instant login = find(events, e -> "login".equals(e.action())).timestamp();
        Instant logout = find(events, e -> "logout".equals(e.action())).timestamp();
        List<LogEvent> pages = events.stream().filter(e -> e.type().equals("page")).toList();
        assertThat(pages).isNotEmpty();
        assertThat(register).isBefore(login);
        assertThat(pages).allMatch(p -> p.timestamp().isAfter(login) && !p.timestamp().isAfter(logout));
        assertThat(pages.stream().map(p -> p.props().get("path")).distinct()).hasSameSizeAs(pages);
        for (int i = 1; i < pages.size(); i++) {
            assertThat(pages.get(i).timeMicros()).isGreaterThan(pages.get(i - 1).timeMicros());
        }
    }

    @Test
    @DisplayName("a session running past the end of a run is released only up to the run's end, then continued")
    void scheduleEnd() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .sessionHourlyStartProbabilities(hourOnly(23))
                .sessionLengthSeconds(7200, 7200).build();
        InMemoryStateStore store = new InMemoryStateStore();
        Instant end = TestConfigs.START.plusSeconds(86_400);
        MemorySink first = TestConfigs.runUntil(TestConfigs.singleUser(profile), end, store);
        assertThat(first.logEvents()).allMatch(e -> e.timestamp().isBefore(end));
        MemorySink second = TestConfigs.runUntil(TestConfigs.singleUser(profile), end.plusSeconds(3 * 3600), store);
        assertThat(second.logEvents()).isNotEmpty().allMatch(e -> !e.timestamp().isBefore(end));
        assertThat(second.logEvents()).anyMatch(e -> "logout".equals(e.action()));
    }

    @Test
    @DisplayName("an exam with 5 questions, difficulty 0 and pass probability 1 is answered right every time")
    void exam() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .event("exam", EventConfig.of(Map.of("pass_probability", 1.0, "skip_probability", 0.0,
                        "abort_probability", 0.0)))
                .eventProbabilities(Map.of("exam", 1.0)).build();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(profile), g -> g.ratingProbability(1.0))
                .toBuilder()
                .catalog(CatalogType.EXAM, CatalogConfig.defaults().withTargetCount(1)
                        .withProperty("question_count_min", 5).withProperty("question_count_max", 5)
                        .withProperty("difficulty_min", 0.0).withProperty("difficulty_max", 0.0))
                .build();
        MemorySink sink = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(86_400), new InMemoryStateStore());
        List<LogEvent> events = sink.logEvents();
        List<LogEvent> exams = events.stream().filter(e -> e.type().equals("exam")).toList();
        assertThat(exams).isNotEmpty();
        assertThat(exams.get(0).action()).isEqualTo("start");
        assertThat(exams.get(1).action()).isEqualTo("submit");
        assertThat(((Number) exams.get(1).props().get("duration")).longValue()).isPositive();
        assertThat(exams.get(2).action()).isEqualTo("result");
        assertThat(exams.get(2).props()).containsEntry("score", 100.0).containsEntry("is_passed", true);
        List<LogEvent> questions = events.stream().filter(e -> e.type().equals("question")).toList();
        assertThat(questions.size()).isEqualTo(5 * exams.size() / 3);
        var cache = sink.catalogEvents().stream().filter(c -> c.type() == CatalogType.QUESTION).toList();
        assertThat(cache).hasSize(5);
        var correct = cache.stream().map(c -> c.data().get("correct_answer_uuid")).toList();
        assertThat(questions.subList(0, 5)).allMatch(q -> correct.contains(q.props().get("answer_id")));
        assertThat(events).anyMatch(e -> e.type().equals("rate") && "exam".equals(e.props().get("type")));
    }

    @Test
    @DisplayName("a video paused for sure: impression (0), play (0), pause, finish - in that order")
    void video() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .event("video", EventConfig.of(Map.of("pause_probability", 1.0)))
                .eventProbabilities(Map.of("video", 1.0)).sessionLengthSeconds(60, 60).build();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(profile), g -> g.ratingProbability(0));
        List<LogEvent> media = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(86_400),
                new InMemoryStateStore()).logEvents().stream().filter(e -> e.type().equals("media")).toList();
        assertThat(media.subList(0, 4)).extracting(LogEvent::action)
                .containsExactly("impression", "play", "pause", "finish");
        assertThat(media.get(0).props()).containsEntry("time", 0.0).containsEntry("type", "video");
        assertThat(media.get(1).props()).containsEntry("time", 0.0);
        assertThat((Double) media.get(2).props().get("time")).isPositive();
        assertThat((Double) media.get(3).props().get("time")).isGreaterThan((Double) media.get(2).props().get("time"));
        assertThat((String) media.get(0).props().get("id")).startsWith("video_");
    }

    @Test
    @DisplayName("an image is shown and played but never paused or finished")
    void image() {
        ProfileConfig profile = TestConfigs.boringGuy().eventProbabilities(Map.of("image", 1.0))
                .sessionLengthSeconds(60, 60).build();
        List<LogEvent> media = TestConfigs.runUntil(TestConfigs.singleUser(profile),
                TestConfigs.START.plusSeconds(86_400), new InMemoryStateStore()).logEvents().stream()
                .filter(e -> e.type().equals("media")).toList();
        assertThat(media).isNotEmpty().extracting(LogEvent::action).containsOnly("impression", "play");
        assertThat(media).allMatch(m -> m.props().get("time").equals(0.0));
    }

    @Test
    @DisplayName("a 60 s module in 1000 s sessions: progress 0, then percentages below 100, then 100 with milestones")
    void module() {
        ProfileConfig profile = TestConfigs.boringGuy().eventProbabilities(Map.of("module", 1.0))
                .sessionLengthSeconds(1000, 1000).build();
        SimulationConfig config = TestConfigs.singleUser(profile).toBuilder()
                .catalog(CatalogType.MODULE, CatalogConfig.defaults().withTargetCount(1)
                        .withProperty("length_min_seconds", 60).withProperty("length_max_seconds", 60))
                .build();
        List<LogEvent> events = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(86_400),
                new InMemoryStateStore()).logEvents();
        List<LogEvent> modules = events.stream().filter(e -> e.type().equals("module")).toList();
        assertThat(modules.size()).isGreaterThanOrEqualTo(3);
        assertThat(modules.get(0).props()).containsEntry("progress", 0).containsEntry("action", "view");
        int lastFinished = -1;
        for (int i = 0; i < modules.size(); i++) {
            if (Integer.valueOf(100).equals(modules.get(i).props().get("progress"))) {
                lastFinished = i;
            }
        }
        assertThat(lastFinished).isPositive();
        assertThat(modules.subList(1, lastFinished)).allMatch(m -> (Integer) m.props().get("progress") < 100);
        List<LogEvent> milestones = events.stream().filter(e -> e.type().equals("milestone")).toList();
        List<LogEvent> levels = events.stream().filter(e -> e.type().equals("level")).toList();
        assertThat(milestones).isNotEmpty().hasSameSizeAs(levels);
        for (int i = 0; i < levels.size(); i++) {
            assertThat(levels.get(i).props()).containsEntry("prev_level", i).containsEntry("new_level", i + 1);
        }
    }

    @Test
    @DisplayName("a search of 5 pages of 5 results: 5 search events, the first 4 full, more than 20 impressions")
    void search() {
        ProfileConfig profile = TestConfigs.boringGuy().eventProbabilities(Map.of("search", 1.0))
                .sessionLengthSeconds(60, 60)
                .event("search", EventConfig.of(Map.of("page_count_per_session_min", 5, "page_count_per_session_max", 5,
                        "results_per_page_max", 5)))
                .build();
        List<LogEvent> events = TestConfigs.runUntil(TestConfigs.singleUser(profile),
                TestConfigs.START.plusSeconds(86_400), new InMemoryStateStore()).logEvents();
        List<LogEvent> searches = events.stream().filter(e -> e.type().equals("search")).toList();
        Object firstId = searches.get(0).props().get("id");
        List<LogEvent> first = searches.stream().filter(s -> s.props().get("id").equals(firstId)).toList();
        assertThat(first).hasSize(5);
        for (int i = 0; i < 4; i++) {
            assertThat((List<?>) first.get(i).props().get("results_list")).hasSize(5);
        }
        assertThat((List<?>) first.get(4).props().get("results_list")).isNotEmpty();
        assertThat(events.stream().filter(e -> e.type().equals("item") && firstId.equals(e.props().get("search_id"))))
                .hasSizeGreaterThan(20);
    }

    private static List<Double> hourOnly(int hour) {
        List<Double> hours = new java.util.ArrayList<>(Collections.nCopies(24, 0.0));
        hours.set(hour, 1.0);
        return hours;
    }

    private static LogEvent find(List<LogEvent> events, Predicate<LogEvent> p) {
        return events.stream().filter(p).findFirst().orElseThrow();
    }

    static long micros(Instant i) {
        return Micros.of(i);
    }
}
