package dev.synth.output.parquet;

import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ParquetEventSink keeps the EventSink contract (read back with DuckDB)")
class ParquetSinkContractTest extends EventSinkContract {
    @TempDir
    Path dir;

    @Override
    protected EventSink newSink() {
        return ParquetEventSink.to(dir);
    }

    @Override
    protected Output read() throws Exception {
        if (!Files.exists(dir.resolve("log"))) {
            return new Output(List.of(), List.of());
        }
        return new Output(DuckDb.parquetLogKeys(dir), DuckDb.parquetCatalogKeys(dir));
    }
}
