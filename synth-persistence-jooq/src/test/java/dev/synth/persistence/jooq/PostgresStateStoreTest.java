package dev.synth.persistence.jooq;

import dev.synth.spi.StateStore;
import dev.synth.test.StateStoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JooqStateStore on PostgreSQL keeps the StateStore contract")
class PostgresStateStoreTest extends StateStoreContract {
    private DbUri uri;

    @BeforeEach
    void server() {
        uri = TestDatabases.require(TestDatabases.POSTGRES);
    }

    @Override
    protected StateStore openStore() {
        return TestDatabases.builder(uri).build();
    }
}
