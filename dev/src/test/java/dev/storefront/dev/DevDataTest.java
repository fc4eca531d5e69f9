package dev.storefront.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dev run writes is there on the next run: rows, the admin password, the signing key. */
class DevDataTest {
  @TempDir
  Path dir;

  @Test
  void rowsSurviveARestartOfTheEmbeddedPostgres() throws Exception {
    DevData data = new DevData(dir);
    try (EmbeddedPostgres first = data.startPostgres(Infrastructure.freePort());
        Connection c = first.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (note text)");
      s.execute("INSERT INTO kept VALUES ('made in the first run')");
    }
    try (EmbeddedPostgres second = data.startPostgres(Infrastructure.freePort());
        Connection c = second.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("made in the first run");
    }
  }

  @Test
  void theAdminPasswordAndSigningKeyAreTheSameNextTime() throws Exception {
    String password = new DevData(dir).adminPassword();
    String key = new DevData(dir).signingKey();
    assertThat(new DevData(dir).adminPassword()).isEqualTo(password).hasSizeGreaterThan(20);
    assertThat(new DevData(dir).signingKey()).isEqualTo(key).contains("PRIVATE KEY");
    // A set: its iteration order (and so its toString) is not fixed.
    assertThat(Files.getPosixFilePermissions(dir.resolve("admin-password")))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void anEmptyFolderStartsAfresh() {
    assertThat(new DevData(dir.resolve("fresh")).adminPassword())
        .isNotEqualTo(new DevData(dir.resolve("other")).adminPassword());
  }
}
