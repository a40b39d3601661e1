package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.Function;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DbUriTest {
    private static final Function<String, Path> CONFIG_DIR = p -> Path.of("/etc/synth").resolve(p);

    @Test
    @DisplayName("sqlite:////abs is an absolute file, sqlite:///rel is relative to the configuration's folder")
    void sqliteForms() {
        assertThat(DbUri.parse("sqlite:////var/lib/synth.sqlite", CONFIG_DIR).jdbcUrl())
                .isEqualTo("jdbc:sqlite:/var/lib/synth.sqlite");
        DbUri relative = DbUri.parse("sqlite:///state/synth.sqlite", CONFIG_DIR);
        assertThat(relative.jdbcUrl()).isEqualTo("jdbc:sqlite:/etc/synth/state/synth.sqlite");
        assertThat(relative.sqliteFile()).contains(Path.of("/etc/synth/state/synth.sqlite"));
        assertThat(relative.dialect()).isEqualTo(SQLDialect.SQLITE);
        assertThat(DbUri.parse("jdbc:sqlite:/tmp/x.sqlite", CONFIG_DIR).sqliteFile()).contains(Path.of("/tmp/x.sqlite"));
        assertThatThrownBy(() -> DbUri.parse("jdbc:sqlite::memory:", CONFIG_DIR))
                .hasMessageContaining("sqlite:///:memory:");
    }

    @Test
    @DisplayName("postgresql:// and mysql:// URIs become JDBC URLs with the credentials kept apart")
    void networkForms() {
        DbUri pg = DbUri.parse("postgresql+psycopg2://synth:p%40ss@db.example:5433/sim?sslmode=require", CONFIG_DIR);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/sim?sslmode=require");
        assertThat(pg.user()).contains("synth");
        assertThat(pg.password()).contains("p@ss");
        assertThat(pg.dialect()).isEqualTo(SQLDialect.POSTGRES);
        DbUri my = DbUri.parse("mysql://root@127.0.0.1:3306/test", CONFIG_DIR);
        assertThat(my.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/test");
        assertThat(my.password()).isEmpty();
        assertThat(my.dialect()).isEqualTo(SQLDialect.MYSQL);
        assertThat(DbUri.parse("mariadb://u:p@h/d", CONFIG_DIR).dialect()).isEqualTo(SQLDialect.MARIADB);
        assertThat(DbUri.parse("jdbc:mysql://h/d", CONFIG_DIR).jdbcUrl()).isEqualTo("jdbc:mariadb://h/d");
        assertThat(DbUri.parse("jdbc:postgresql://h/d", CONFIG_DIR).dialect()).isEqualTo(SQLDialect.POSTGRES);
    }

    @Test
    @DisplayName("the password never shows: not in toString, not in errors, not in JDBC URLs that carry one")
    void passwordNeverShows() {
        DbUri pg = DbUri.parse("postgresql://synth:hunter2@db/sim", CONFIG_DIR);
        assertThat(pg.toString()).doesNotContain("hunter2").contains("jdbc:postgresql://db/sim").contains("synth");
        assertThat(DbUri.redact("jdbc:postgresql://db/sim?user=a&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/sim?****");
        assertThat(DbUri.redact("jdbc:mariadb://root:hunter2@db/sim")).isEqualTo("jdbc:mariadb://****@db/sim");
        assertThat(DbUri.redact("see jdbc:sqlserver://h;password=hunter2;x=1")).doesNotContain("hunter2");
        assertThatThrownBy(() -> DbUri.parse("postgresql://synth:hunter2@db", CONFIG_DIR))
                .hasMessageContaining("names no database").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DbUri.parse("oracle://synth:hunter2@db/x", CONFIG_DIR))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @DisplayName("user info ends at the last @: a password with / @ : % ? works raw or percent-encoded, and leaves the URL")
    void awkwardPasswords() {
        String pw = "S3/c@r:e%t?x";
        for (String uri : new String[] {"postgresql://u:" + pw + "@127.0.0.1:5432/db?sslmode=disable",
                "postgresql://u:S3%2Fc%40r%3Ae%25t%3Fx@127.0.0.1:5432/db?sslmode=disable"}) {
            DbUri pg = DbUri.parse(uri, CONFIG_DIR);
            assertThat(pg.user()).contains("u");
            assertThat(pg.password()).contains(pw);
            assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db?sslmode=disable");
            assertThat(pg.toString()).doesNotContain("S3").doesNotContain("sslmode");
            assertThat(DbUri.redact("failed: " + uri + " (x)")).doesNotContain("S3").doesNotContain("sslmode")
                    .endsWith(" (x)");
        }
        DbUri maria = DbUri.parse("mariadb://u:S3cret/PW@127.0.0.1:3306/db", CONFIG_DIR);
        assertThat(maria.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/db");
        assertThat(maria.password()).contains("S3cret/PW");
        DbUri jdbc = DbUri.parse("jdbc:postgresql://h:5/d?user=me&password=S3%2Fx&ssl=true", CONFIG_DIR);
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5/d?ssl=true");
        assertThat(jdbc.user()).contains("me");
        assertThat(jdbc.password()).contains("S3/x");
        DbUri jdbcUserInfo = DbUri.parse("jdbc:mariadb://root:S3/x@h/d", CONFIG_DIR);
        assertThat(jdbcUserInfo.jdbcUrl()).isEqualTo("jdbc:mariadb://h/d");
        assertThat(jdbcUserInfo.password()).contains("S3/x");
        assertThatThrownBy(() -> DbUri.parse("postgresql://u:S3cret@/db", CONFIG_DIR)).hasMessageNotContaining("S3cret");
        assertThatThrownBy(() -> DbUri.parse("postgresql://u:S3cret@h:port/db", CONFIG_DIR))
                .hasMessageContaining("host").hasMessageNotContaining("S3cret");
    }

    @Test
    @DisplayName("only transient errors are retried: 'No suitable driver' (state 08001) and a wrong password fail at once")
    void onlyTransientRetried() {
        assertThat(TransientErrors.isTransient(new java.sql.SQLException("No suitable driver found for jdbc:x", "08001")))
                .isFalse();
        assertThat(TransientErrors.isTransient(new RuntimeException("Failed to get driver instance",
                new java.sql.SQLException("No suitable driver", "08001")))).isFalse();
        assertThat(TransientErrors.isTransient(new java.sql.SQLException("Connection refused", "08001"))).isTrue();
        assertThat(TransientErrors.isTransient(new java.sql.SQLException("password authentication failed", "28P01")))
                .isFalse();
        assertThat(TransientErrors.isTransient(new java.sql.SQLException("Access denied", "28000", 1045))).isFalse();
    }

    @Test
    @DisplayName("the provider handles SQL URIs but not the in-memory store")
    void supports() {
        JooqStateStoreProvider provider = new JooqStateStoreProvider();
        assertThat(provider.supports("sqlite:///synth.sqlite")).isTrue();
        assertThat(provider.supports("postgresql://u:p@h/d")).isTrue();
        assertThat(provider.supports("jdbc:mariadb://h/d")).isTrue();
        assertThat(provider.supports("redis://h")).isFalse();
    }
}
