package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.SimulationConfig;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Shoppers' open orders, promotions and refunds survive a stop and resume through the SQL store. */
class ShopperResumeTest {
    private static final SimulationConfig CONFIG = TestConfigs.withGlobal(ExampleConfigs.shoppers(10, true),
            g -> g.organisation("resume-test").project("shoppers"));

    @Test
    @DisplayName("on SQLite, shoppers split into 4 resumed parts write the files of one unbroken run")
    void sqlite() {
        Path unbroken = Runs.unbroken(CONFIG, Runs.hour(96));
        Path dir = Runs.tempDir("synth-resume-shoppers");
        try {
            Path db = dir.resolve("state.sqlite");
            for (int hour : List.of(7, 30, 61, 96)) {
                try (JooqStateStore store = JooqStateStore.sqlite(db)) {
                    Runs.run(CONFIG, store, dir.resolve("out"), Runs.hour(hour));
                }
            }
            assertThat(Runs.log(dir.resolve("out"))).isEqualTo(Runs.log(unbroken));
            assertThat(Runs.catalog(dir.resolve("out"))).isEqualTo(Runs.catalog(unbroken));
            assertThat(new String(Runs.log(unbroken), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(",delivery,").contains(",cancel_checkout,").contains(",promo,");
        } finally {
            Runs.delete(dir);
            Runs.delete(unbroken);
        }
    }
}
