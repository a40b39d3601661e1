package dev.synth.model.session;

import dev.synth.catalog.CatalogItem;
import dev.synth.config.EventConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.event.Block;
import dev.synth.event.CatalogType;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.random.SimRandom;
import dev.synth.user.SimulationContext;
import dev.synth.user.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The building blocks of session content (reference 3.5): page views, searches, media, modules, exams,
 * ratings, milestones and levels. Each block schedules its events into the scope's window starting at a
 * time and returns the time at which it ended. Shared by every user type that produces content events;
 * stateless apart from the user's {@link LearningProgress} in the scope.
 */
public final class EventBlocks {
    /**
     * Where a block runs.
     *
     * @param window   the window being filled
     * @param profile  the user's profile
     * @param progress the user's learning progress (updated by module and exam blocks)
     * @param online   the session's online flag
     */
    public record Scope(Window window, ProfileConfig profile, LearningProgress progress, boolean online) {
        SimRandom random() {
            return window.random();
        }

        SimulationContext context() {
            return window.context();
        }
    }

    private EventBlocks() {
    }

    /** Generates the block of the given content type at {@code t}; returns when it ended. */
    public static long generate(String type, Scope scope, long t) {
        return switch (type) {
            case "page" -> pages(scope, t);
            case "search" -> search(scope, t);
            case "video" -> media(scope, CatalogType.MEDIA_VIDEO, "video", t);
            case "audio" -> media(scope, CatalogType.MEDIA_AUDIO, "audio", t);
            case "image" -> media(scope, CatalogType.MEDIA_IMAGE, "image", t);
            case "module" -> module(scope, t);
            case "exam" -> exam(scope, t);
            case "rate" -> rateApp(scope, t);
            default -> throw new IllegalArgumentException("unknown content event type: " + type);
        };
    }

    /** Page views (3.5.1, D13): a number of distinct pages, each reported at the end of its view. */
    public static long pages(Scope scope, long t) {
        EventConfig cfg = scope.profile().event("page");
        SimRandom random = scope.random();
        int count = random.intInclusive(cfg.intProperty("page", "page_count_per_session_min"),
                cfg.intProperty("page", "page_count_per_session_max"));
        double dMin = cfg.doubleProperty("page", "duration_seconds_min");
        double dMax = cfg.doubleProperty("page", "duration_seconds_max");
        for (CatalogItem page : scope.context().catalogs().pickDistinct(CatalogType.PAGE, count, random)) {
            double duration = random.between(dMin, dMax);
            t += Micros.seconds(duration);
            scope.window().log(t, "page", Block.CORE, scope.online(),
                    Props.of("path", page.path(), "title", page.title(), "duration", duration));
        }
        return t;
    }

    /** A search with result pages and item impressions (3.5.2). */
    public static long search(Scope scope, long t) {
        EventConfig cfg = scope.profile().event("search");
        SimRandom random = scope.random();
        int pages = random.intInclusive(cfg.intProperty("search", "page_count_per_session_min"),
                cfg.intProperty("search", "page_count_per_session_max"));
        int perPage = Math.max(1, cfg.intProperty("search", "results_per_page_max"));
        double dMin = cfg.doubleProperty("search", "duration_seconds_min");
        double dMax = cfg.doubleProperty("search", "duration_seconds_max");
        int total = Math.max(1, pages * perPage - random.intInclusive(0, perPage - 1));
        List<CatalogItem> results = scope.context().catalogs()
                .pickFromDistribution(scope.profile().behaviour().purchase().catalogTypeProbabilities(), total, random);
        String query = scope.context().fake().reseed(random.nextLong()).sentence();
        String searchId = random.uuid() + "-"
                + java.math.BigDecimal.valueOf(t, 6).stripTrailingZeros().toPlainString();
        int page = 1;
        for (int from = 0; from < results.size(); from += perPage, page++) {
            List<CatalogItem> pageItems = results.subList(from, Math.min(results.size(), from + perPage));
            List<Object> listed = new ArrayList<>(pageItems.size());
            for (CatalogItem item : pageItems) {
                listed.add(Props.of("id", item.uuid(), "type", item.type().configName()));
            }
            scope.window().log(t, "search", Block.CORE, scope.online(),
                    Props.of("id", searchId, "query", query, "results_list", List.copyOf(listed), "page", page));
            long impressionTime = t + Micros.PER_SECOND;
            for (CatalogItem item : pageItems) {
                LinkedHashMap<String, Object> props = new LinkedHashMap<>();
                props.put("action", "impression");
                props.put("item", ShopItems.payload(item, 1, item.price(), impressionTime));
                props.put("usd_rate", 1.0);
                props.put("search_id", searchId);
                scope.window().log(impressionTime, "item", Block.ECOMMERCE, scope.online(), Props.wrap(props));
            }
            t += Micros.seconds(random.between(dMin, dMax));
        }
        if (results.isEmpty()) {
            t += Micros.seconds(random.between(dMin, dMax));
        }
        return t;
    }

    /** A video, audio or image being shown (3.5.3), then possibly rated. */
    public static long media(Scope scope, CatalogType catalogType, String mediaType, long t) {
        SimRandom random = scope.random();
        Optional<CatalogItem> picked = scope.context().catalogs().pickOne(catalogType, random);
        if (picked.isEmpty()) {
            return t + Micros.PER_SECOND;
        }
        CatalogItem item = picked.get();
        EventConfig cfg = scope.profile().event(mediaType);
        int dMin = cfg.intProperty(mediaType, "duration_seconds_min");
        int dMax = cfg.intProperty(mediaType, "duration_seconds_max");
        String id = mediaType + "_" + item.uuid();
        scope.window().log(t, "media", Block.CORE, scope.online(), mediaProps(mediaType, id, item, "impression", 0.0));
        t += Micros.seconds(random.between(0.5, 5));
        scope.window().log(t, "media", Block.CORE, scope.online(), mediaProps(mediaType, id, item, "play", 0.0));
        if ("image".equals(mediaType)) {
            t += random.intInclusive(dMin, dMax) * Micros.PER_SECOND;
        } else {
            long playStart = t;
            int watched = random.intInclusive(dMin, dMax);
            t += watched * Micros.PER_SECOND;
            double length = item.lengthMillis();
            if (random.nextDouble() <= cfg.doubleProperty(mediaType, "pause_probability")) {
                double ratio = random.nextDouble() * 0.6;
                scope.window().log(playStart + Micros.seconds(watched * ratio), "media", Block.CORE, scope.online(),
                        mediaProps(mediaType, id, item, "pause", (double) Math.round(length * ratio)));
            }
            scope.window().log(t, "media", Block.CORE, scope.online(),
                    mediaProps(mediaType, id, item, "finish", length));
        }
        return rate(scope, t, item.uuid(), catalogType.subjectType());
    }

    private static Map<String, Object> mediaProps(String mediaType, String id, CatalogItem item, String action,
            double time) {
        return Props.of("type", mediaType, "id", id, "id_source", item.uuid(), "action", action, "time", time);
    }

    /**
     * Working through a module (3.5.4, D19): continue a module in progress or start a new one, report the
     * progress as a percentage every 5-10 minutes, and on completion report 100 and credit the e-learning
     * level score with the module's duration.
     */
    public static long module(Scope scope, long t) {
        SimRandom random = scope.random();
        ProfileConfig profile = scope.profile();
        LearningProgress progress = scope.progress();
        long budget = random.intInclusive(profile.sessionLengthMinSeconds(), profile.sessionLengthMaxSeconds());
        progress.activeModules.values().removeIf(remaining -> remaining < 0);
        CatalogItem module;
        if (!progress.activeModules.isEmpty()) {
            List<String> uuids = new ArrayList<>(progress.activeModules.keySet());
            Optional<CatalogItem> known = scope.context().catalogs().byUuid(uuids.get(random.index(uuids.size())));
            if (known.isEmpty()) {
                return t + Micros.PER_SECOND;
            }
            module = known.get();
        } else {
            Optional<CatalogItem> fresh = scope.context().catalogs().pickOne(CatalogType.MODULE, random);
            if (fresh.isEmpty()) {
                return t + Micros.PER_SECOND;
            }
            module = fresh.get();
            progress.activeModules.put(module.uuid(), module.durationSeconds());
            scope.window().log(t, "module", Block.ELEARNING, scope.online(),
                    Props.of("id", module.uuid(), "action", "view", "progress", 0));
            t += random.intInclusive(5, 29) * Micros.PER_SECOND;
        }
        double duration = Math.max(1.0, module.durationSeconds());
        double remaining = progress.activeModules.get(module.uuid());
        long blockStart = t;
        long end = t + budget * Micros.PER_SECOND;
        while (t < end) {
            double done = duration - remaining + (t - blockStart) / (double) Micros.PER_SECOND;
            int percent = (int) Math.min(99, Math.max(0, Math.floor(100 * done / duration)));
            scope.window().log(t, "module", Block.ELEARNING, scope.online(),
                    Props.of("id", module.uuid(), "action", "view", "progress", percent));
            t += Micros.seconds(300 + 300 * random.nextDouble());
        }
        remaining -= budget;
        if (remaining <= 0) {
            progress.activeModules.remove(module.uuid());
            scope.window().log(t, "module", Block.ELEARNING, scope.online(),
                    Props.of("id", module.uuid(), "action", "view", "progress", 100));
            t = milestones(scope, t, module.durationSeconds(), Block.ELEARNING);
        } else {
            progress.activeModules.put(module.uuid(), remaining);
        }
        return t;
    }

    /**
     * Taking an exam (3.5.5, D20): start, one answered or skipped question after another, possibly an abort;
     * otherwise submit, result and possibly a rating. A skipped question is neither answered nor correct;
     * a question is answered correctly with probability {@code pass_probability * (1 - difficulty)}. An exam
     * without questions is not taken.
     */
    public static long exam(Scope scope, long t) {
        SimRandom random = scope.random();
        ProfileConfig profile = scope.profile();
        long budget = random.intInclusive(profile.sessionLengthMinSeconds(), profile.sessionLengthMaxSeconds());
        Optional<CatalogItem> picked = scope.context().catalogs().pickOne(CatalogType.EXAM, random);
        if (picked.isEmpty()) {
            return t + Micros.PER_SECOND;
        }
        CatalogItem exam = picked.get();
        List<CatalogItem> questions = scope.context().catalogs().questionsOf(exam.uuid());
        if (questions.isEmpty()) {
            return t + Micros.PER_SECOND;
        }
        EventConfig cfg = profile.event("exam");
        double pass = cfg.doubleProperty("exam", "pass_probability") * (1.0 - exam.difficulty());
        double skip = cfg.doubleProperty("exam", "skip_probability");
        double abort = cfg.doubleProperty("exam", "abort_probability");
        double average = budget / (double) questions.size();
        int qMin = (int) Math.rint(average * 0.9);
        int qMax = (int) Math.rint(average * 1.2);
        long started = t;
        scope.window().log(t, "exam", Block.ELEARNING, scope.online(), Props.of("id", exam.uuid(), "action", "start"));
        int correct = 0;
        boolean aborted = false;
        for (CatalogItem question : questions) {
            t += random.intInclusive(qMin, qMax) * Micros.PER_SECOND;
            if (random.chance(skip)) {
                scope.window().log(t, "question", Block.ELEARNING, true,
                        Props.of("id", question.uuid(), "exam_id", exam.uuid(), "action", "skip"));
            } else {
                boolean right = random.chance(pass);
                String answer;
                if (right) {
                    correct++;
                    answer = question.correctAnswerUuid();
                } else {
                    answer = random.pick(question.wrongAnswerUuids());
                }
                scope.window().log(t, "question", Block.ELEARNING, true,
                        Props.of("id", question.uuid(), "exam_id", exam.uuid(), "action", "answer", "answer_id", answer));
            }
            if (random.chance(abort)) {
                aborted = true;
                break;
            }
        }
        if (aborted) {
            return t;
        }
        boolean passed = random.chance(pass);
        t += random.intInclusive(5, 29) * Micros.PER_SECOND;
        scope.window().log(t, "exam", Block.ELEARNING, scope.online(), Props.of("id", exam.uuid(), "action", "submit",
                "duration", Micros.wholeSecondsBetween(started, t)));
        t += random.intInclusive(5, 29) * Micros.PER_SECOND;
        scope.window().log(t, "exam", Block.ELEARNING, scope.online(), Props.of("id", exam.uuid(), "action", "result",
                "score", correct * 100.0 / questions.size(), "is_passed", passed));
        return rate(scope, t, exam.uuid(), CatalogType.EXAM.subjectType());
    }

    /**
     * Possibly a rating (3.5.6): with {@code rating_probability}, 5-30 s later a {@code rate} event of the
     * subject with a value in [1, 5). Returns the (possibly advanced) time.
     */
    public static long rate(Scope scope, long t, String subjectId, String subjectType) {
        double p = scope.context().global().ratingProbability();
        SimRandom random = scope.random();
        if (p > 0 && random.chance(p)) {
            t += random.intInclusive(5, 30) * Micros.PER_SECOND;
            scope.window().log(t, "rate", Block.CORE, true,
                    Props.of("subject_id", subjectId, "type", subjectType, "rate_value", random.between(1, 5)));
        }
        return t;
    }

    /**
     * A {@code rate} content event (the reference rejects {@code rate} in {@code event_probabilities}; here it
     * means the user rates the app now).
     */
    private static long rateApp(Scope scope, long t) {
        SimRandom random = scope.random();
        t += random.intInclusive(5, 30) * Micros.PER_SECOND;
        scope.window().log(t, "rate", Block.CORE, true, Props.of("subject_id", scope.context().appRatingSubject(),
                "type", "app", "rate_value", random.between(1, 5)));
        return t;
    }

    /**
     * Credits {@code gain} to the level score of {@code block} and reports every milestone that the new
     * score reaches, each followed by a level-up (3.5.8).
     */
    public static long milestones(Scope scope, long t, double gain, Block block) {
        LearningProgress progress = scope.progress();
        double score = progress.levelScore(block.wireName()) + gain;
        progress.levelScores.put(block.wireName(), score);
        Set<String> achieved = new HashSet<>(progress.milestonesAchieved);
        for (CatalogItem milestone : scope.context().catalogs().milestones()) {
            if (achieved.contains(milestone.uuid()) || milestone.requiredScore() > score) {
                continue;
            }
            scope.window().log(t, "milestone", Block.LOYALTY, scope.online(),
                    Props.of("id", milestone.uuid(), "action", "achieved"));
            progress.milestonesAchieved.add(milestone.uuid());
            progress.currentLevel++;
            scope.window().log(t, "level", Block.LOYALTY, scope.online(),
                    Props.of("prev_level", progress.currentLevel - 1, "new_level", progress.currentLevel));
            t += scope.random().intInclusive(5, 29) * Micros.PER_SECOND;
        }
        return t;
    }
}
