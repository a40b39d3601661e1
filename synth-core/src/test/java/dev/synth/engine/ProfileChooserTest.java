package dev.synth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference 9.2: need-based profile probabilities for a desired population of 100. */
class ProfileChooserTest {

    private static Map<String, Double> weights(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return map;
    }

    private static Map<String, Integer> counts(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }

    @Test
    @DisplayName("one profile and nobody yet: it gets everything")
    void single() {
        assertThat(ProfileChooser.needBased(weights("plentiful", 1.0), counts(), 100))
                .containsExactlyEntriesOf(weights("plentiful", 1.0));
    }

    @Test
    @DisplayName("a profile that already has its share gets nothing more")
    void filled() {
        assertThat(ProfileChooser.needBased(weights("a", .5, "b", .5), counts("a", 50), 100))
                .containsExactlyEntriesOf(weights("a", 0.0, "b", 1.0));
    }

    @Test
    @DisplayName("balanced counts keep the occurrence weights, also unnormalised ones")
    void balanced() {
        assertThat(ProfileChooser.needBased(weights("a", .5, "b", .5), counts("a", 50, "b", 50), 100))
                .containsExactlyEntriesOf(weights("a", .5, "b", .5));
        assertThat(ProfileChooser.needBased(weights("a", 1, "b", 1), counts("a", 50, "b", 50), 100))
                .containsExactlyEntriesOf(weights("a", .5, "b", .5));
    }

    @Test
    @DisplayName("missing profiles share the need")
    void shortage() {
        assertThat(ProfileChooser.needBased(weights("a", 1, "b", 1), counts("a", 100, "b", 0), 100))
                .containsExactlyEntriesOf(weights("a", 0.0, "b", 1.0));
        assertThat(ProfileChooser.needBased(weights("a", 1, "b", 1, "c", 1), counts("a", 100, "b", 0, "c", 0), 100))
                .containsExactlyEntriesOf(weights("a", 0.0, "b", .5, "c", .5));
    }

    @Test
    @DisplayName("a realistic population gives the reference's probabilities bit for bit")
    void realistic() {
        Map<String, Double> result = ProfileChooser.needBased(
                weights("average", 1, "long", 1, "loyal", 1, "one_time", 1, "short", 1),
                counts("average", 26, "long", 19, "loyal", 18, "one_time", 7, "short", 31), 100);
        assertThat(result).containsExactlyEntriesOf(weights("average", 0.0, "long", 0.06250000000000001,
                "loyal", 0.12500000000000003, "one_time", 0.8125, "short", 0.0));
    }
}
