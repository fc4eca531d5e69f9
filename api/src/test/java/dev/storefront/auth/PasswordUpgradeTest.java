package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.db.Database;
import dev.storefront.support.TestApp;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A sign-in re-hashes a password stored in an older form (as typed, or with weaker parameters). */
class PasswordUpgradeTest {
  static final String CURRENT = "$argon2id$v=19$m=19456,t=2,p=1$";
  static final PasswordHasher hasher = new PasswordHasher();
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("password_upgrade");
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static Connection connect() throws SQLException {
    var db = t.config.database();
    return DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + t.config.databaseSchema(), db.user(), db.password());
  }

  private static void insert(String email, String hash) throws SQLException {
    try (Connection c = connect();
        var ps = c.prepareStatement("INSERT INTO users (email, password_hash, role) VALUES (?, ?, 'customer')")) {
      ps.setString(1, email);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
  }

  private static String storedHash(String email) throws SQLException {
    try (Connection c = connect(); var ps = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
      ps.setString(1, email);
      var rs = ps.executeQuery();
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = connect()) {
      c.createStatement().execute(statement);
    }
  }

  @Test
  void aWeakHashOfThePasswordAsTypedIsReplacedByACurrentHashOfItsNormalForm() throws Exception {
    String typed = "\uff4f\uff4c\uff44\u00a0\uff46\uff4f\uff52\uff4d passphrase";
    String normal = PasswordPolicy.normalize(typed);
    assertThat(normal).isNotEqualTo(typed);
    String weak = hasher.hash(typed, 4096, 1, 1);
    insert("legacy@upgrade.example", weak);

    assertThat(t.login("legacy@upgrade.example", typed).statusCode()).isEqualTo(200);

    String upgraded = storedHash("legacy@upgrade.example");
    assertThat(upgraded).startsWith(CURRENT);
    assertThat(PasswordHasher.isWeakerThanCurrent(upgraded)).isFalse();
    assertThat(hasher.verify(normal, upgraded)).as("the NFKC form is hashed").isTrue();
    assertThat(hasher.verify(typed, upgraded)).as("no longer the typed form").isFalse();

    assertThat(t.login("legacy@upgrade.example", typed).statusCode()).isEqualTo(200);
    assertThat(t.login("legacy@upgrade.example", normal).statusCode()).isEqualTo(200);
    assertThat(t.login("legacy@upgrade.example", typed + "x").statusCode()).isEqualTo(401);
    assertThat(storedHash("legacy@upgrade.example")).as("a current hash is left alone").isEqualTo(upgraded);
  }

  @Test
  void aWeakHashIsUpgradedAndAWrongPasswordUpgradesNothing() throws Exception {
    String weak = hasher.hash("plain old passphrase", 8192, 1, 1);
    insert("weak@upgrade.example", weak);
    assertThat(t.login("weak@upgrade.example", "plain old passphrasf").statusCode()).isEqualTo(401);
    assertThat(storedHash("weak@upgrade.example")).isEqualTo(weak);

    assertThat(t.login("weak@upgrade.example", "plain old passphrase").statusCode()).isEqualTo(200);
    String upgraded = storedHash("weak@upgrade.example");
    assertThat(upgraded).startsWith(CURRENT);
    assertThat(hasher.verify("plain old passphrase", upgraded)).isTrue();
    assertThat(t.login("weak@upgrade.example", "plain old passphrase").statusCode()).isEqualTo(200);
  }

  @Test
  void aSignInWhoseUpgradeFailsStillSucceedsAndTheNextOneUpgrades() throws Exception {
    String weak = hasher.hash("stubborn passphrase", 8192, 1, 1);
    insert("stubborn@upgrade.example", weak);
    sql("CREATE FUNCTION refuse_hash_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "RAISE EXCEPTION 'password hashes are frozen'; END $$");
    sql("CREATE TRIGGER frozen BEFORE UPDATE OF password_hash ON users FOR EACH ROW EXECUTE FUNCTION refuse_hash_change()");
    try {
      assertThat(t.login("stubborn@upgrade.example", "stubborn passphrase").statusCode()).isEqualTo(200);
      assertThat(storedHash("stubborn@upgrade.example")).isEqualTo(weak);
    } finally {
      sql("DROP TRIGGER frozen ON users");
      sql("DROP FUNCTION refuse_hash_change()");
    }
    assertThat(t.login("stubborn@upgrade.example", "stubborn passphrase").statusCode()).isEqualTo(200);
    assertThat(storedHash("stubborn@upgrade.example")).startsWith(CURRENT);
  }

  @Test
  void anUpgradeNeverOverwritesAPasswordChangedMeanwhile() throws Exception {
    String weak = hasher.hash("first passphrase", 8192, 1, 1);
    insert("changed@upgrade.example", weak);
    String changed = hasher.hash("second passphrase");
    sql("UPDATE users SET password_hash = '" + changed + "' WHERE email = 'changed@upgrade.example'");
    long id = userId("changed@upgrade.example");

    Pool pool = Database.pool(t.clientVertx(), t.config);
    try {
      UserRepository users = new UserRepository(pool);
      assertThat(users.upgradePasswordHash(id, weak, hasher.hash("first passphrase")).await())
          .as("the hash it was verified against is gone").isFalse();
      assertThat(storedHash("changed@upgrade.example")).isEqualTo(changed);
      String fresh = hasher.hash("second passphrase");
      assertThat(users.upgradePasswordHash(id, changed, fresh).await()).isTrue();
      assertThat(storedHash("changed@upgrade.example")).isEqualTo(fresh);
    } finally {
      pool.close().await();
    }
  }

  private static long userId(String email) throws SQLException {
    try (Connection c = connect(); var ps = c.prepareStatement("SELECT id FROM users WHERE email = ?")) {
      ps.setString(1, email);
      var rs = ps.executeQuery();
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
