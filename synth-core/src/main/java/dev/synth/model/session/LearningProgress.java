package dev.synth.model.session;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A user's e-learning and loyalty progress (reference 3.1.5, D19): modules in progress with their remaining
 * seconds, a level score per block, the milestones achieved and the current level. Mutable, owned by one
 * user; a plain Jackson-mappable bean so it is persisted with the user's state.
 */
public final class LearningProgress {
    /** Module uuid to remaining seconds; sorted so that choices among them are deterministic. */
    public TreeMap<String, Double> activeModules = new TreeMap<>();
    /** Block wire name ({@code e-learning}, ...) to score; each block starts at 0 on its own. */
    public TreeMap<String, Double> levelScores = new TreeMap<>();
    /** Milestone uuids in the order they were achieved. */
    public List<String> milestonesAchieved = new ArrayList<>();
    public int currentLevel;

    public double levelScore(String block) {
        return levelScores.getOrDefault(block, 0.0);
    }
}
