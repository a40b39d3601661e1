package dev.synth.model.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EngagedDaysTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    @DisplayName("persists as an object from day to boolean in day order, as the tree map it replaced, and reads back")
    void sameJsonAsATreeMap() throws Exception {
        EngagedDays days = new EngagedDays();
        days.put(18_263, false);
        days.put(18_261, true);
        days.put(18_262, true);
        days.put(18_263, true);
        String json = mapper.writeValueAsString(days);
        assertThat(json).isEqualTo("{\"18261\":true,\"18262\":true,\"18263\":true}");
        EngagedDays back = mapper.readValue(json, EngagedDays.class);
        assertThat(back.asMap()).isEqualTo(days.asMap());
        assertThat(mapper.readValue("{}", EngagedDays.class).get(18_261)).isNull();
    }

    @Test
    @DisplayName("forgets the days before a day, keeps the rest")
    void forgetBefore() {
        EngagedDays days = new EngagedDays();
        for (long d = 10; d < 16; d++) {
            days.put(d, d % 2 == 0);
        }
        days.forgetBefore(13);
        assertThat(days.asMap()).containsOnlyKeys(13L, 14L, 15L);
        assertThat(days.get(14)).isTrue();
        assertThat(days.get(12)).isNull();
        days.forgetBefore(100);
        assertThat(days.asMap()).isEmpty();
    }

    @Test
    @DisplayName("a session user's state keeps its JSON shape")
    void stateJson() throws Exception {
        SessionEngagementUser.State state = new SessionEngagementUser.State();
        state.engagedDays.put(18_262, false);
        String json = mapper.writeValueAsString(state);
        assertThat(json).contains("\"engagedDays\":{\"18262\":false}");
        assertThat(mapper.readValue(json, SessionEngagementUser.State.class).engagedDays.get(18_262)).isFalse();
    }
}
