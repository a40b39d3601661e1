package dev.synth.test;

import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.StateStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryStateStore keeps the StateStore contract")
class InMemoryStateStoreTest extends StateStoreContract {
    private final InMemoryStateStore store = new InMemoryStateStore();

    @Override
    protected StateStore openStore() {
        return store;
    }

    @Override
    protected StateStore reopen(StateStore previous) {
        return previous;
    }
}
