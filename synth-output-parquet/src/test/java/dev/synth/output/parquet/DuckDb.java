package dev.synth.output.parquet;

import dev.synth.event.Timestamps;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads output folders with DuckDB (in memory, through its JDBC driver), as a data engineer would. */
final class DuckDb {
    private DuckDb() {
    }

    /** {@code ts|type|u_id} of every log row of a Parquet folder, in file then row order. */
    static List<String> parquetLogKeys(Path dir) throws SQLException {
        return keys("SELECT epoch_us(ts), type, u_id FROM read_parquet('" + dir.resolve("log") + "/*/*.parquet',"
                + " hive_partitioning = true)");
    }

    /** {@code ts|subject_type} of every catalog row of a Parquet folder. */
    static List<String> parquetCatalogKeys(Path dir) throws SQLException {
        return keys("SELECT epoch_us(ts), subject_type FROM read_parquet('" + dir.resolve("catalog")
                + "/*/*.parquet', hive_partitioning = true)");
    }

    static List<String> keys(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder(Timestamps.format(rs.getLong(1)));
                for (int i = 2; i <= columns; i++) {
                    sb.append('|').append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
