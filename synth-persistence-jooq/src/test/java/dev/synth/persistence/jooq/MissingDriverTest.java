package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.StateStoreException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PostgreSQL and MariaDB drivers are optional dependencies: without them, the error names what to add. */
class MissingDriverTest {
    /** A class loader that sees only the JDK: no JDBC driver, no Flyway plugin. */
    private static final ClassLoader JDK_ONLY = new URLClassLoader(new URL[0], null);

    @Test
    @DisplayName("a PostgreSQL db_uri without the driver names org.postgresql:postgresql and flyway-database-postgresql, without the password")
    void postgres() {
        DbUri uri = DbUri.parse("postgresql://app:s3cret@db.example:5432/synth", Path::of);
        assertThatThrownBy(() -> JooqStateStore.requireDriver(uri, JDK_ONLY))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("org.postgresql:postgresql and org.flywaydb:flyway-database-postgresql are not"
                        + " on the classpath")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    @DisplayName("a MariaDB db_uri without the driver names org.mariadb.jdbc:mariadb-java-client and flyway-mysql")
    void mariadb() {
        DbUri uri = DbUri.parse("mariadb://root@127.0.0.1:3306/synth", Path::of);
        assertThatThrownBy(() -> JooqStateStore.requireDriver(uri, JDK_ONLY))
                .hasMessageContaining("org.mariadb.jdbc:mariadb-java-client and org.flywaydb:flyway-mysql");
    }

    @Test
    @DisplayName("with the drivers on the classpath (this module's tests), nothing is missing")
    void present() {
        ClassLoader here = JooqStateStore.class.getClassLoader();
        assertThatCode(() -> JooqStateStore.requireDriver(DbUri.parse("postgresql://u@h:5432/d", Path::of), here))
                .doesNotThrowAnyException();
        assertThatCode(() -> JooqStateStore.requireDriver(DbUri.sqlite(Path.of("x.sqlite")), here))
                .doesNotThrowAnyException();
    }
}
