package dev.synth.persistence.jooq;

import dev.synth.spi.StateStore;
import dev.synth.test.StateStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("JooqStateStore on SQLite keeps the StateStore contract")
class SqliteStateStoreTest extends StateStoreContract {
    @TempDir
    Path dir;

    @Override
    protected StateStore openStore() {
        return JooqStateStore.sqlite(dir.resolve("state.sqlite"));
    }
}
