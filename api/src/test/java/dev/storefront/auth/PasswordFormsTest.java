package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Passwords are judged and hashed in their NFKC form; accounts hashed as typed still sign in. */
class PasswordFormsTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("password_forms");
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> signup(String email, String password) {
    return t.signup(email, password);
  }

  private static void assertRefused(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/weak-password");
    assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("password: ");
  }

  @Test
  void blankPasswordsAreRefusedNamingTheField() {
    assertRefused(signup("spaces@forms.example", " ".repeat(12)));
    assertRefused(signup("nbsp@forms.example", "\u00a0\u2003\u3000\u2009\u202f\u00a0\u2003\u3000"));
    assertRefused(signup("zero-width@forms.example", "\u200b".repeat(10)));
    assertThat(t.login("spaces@forms.example", " ".repeat(12)).statusCode()).isEqualTo(401);
  }

  @Test
  void passwordsLongOrRareOnlyInTheirTypedFormAreRefused() {
    assertRefused(signup("combining@forms.example", "e\u0301".repeat(4)));
    assertRefused(signup("fullwidth@forms.example", "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11"));
  }

  @Test
  void aPasswordSignsInHoweverItsCharactersAreSpelled() {
    String fullwidth = "\uff53\uff54\uff55\uff52\uff44\uff59\u3000\uff50\uff41\uff53\uff53\uff50\uff48\uff52\uff41\uff53\uff45";
    assertThat(signup("wide@forms.example", fullwidth).statusCode()).isEqualTo(201);
    assertThat(t.login("wide@forms.example", fullwidth).statusCode()).isEqualTo(200);
    assertThat(t.login("wide@forms.example", "sturdy passphrase").statusCode()).isEqualTo(200);
    assertThat(t.login("wide@forms.example", "sturdy  passphrase").statusCode()).isEqualTo(401);

    assertThat(signup("accent@forms.example", "cafe\u0301 au lait 42").statusCode()).isEqualTo(201);
    assertThat(t.login("accent@forms.example", "caf\u00e9 au lait 42").statusCode()).as("composed").isEqualTo(200);
  }

  @Test
  void anAccountHashedAsTypedStillSignsIn() throws Exception {
    String typed = "\uff4c\uff45\uff47\uff41\uff43\uff59\u00a0passphrase";
    var db = t.config.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + t.config.databaseSchema(),
        db.user(), db.password());
        var ps = c.prepareStatement("INSERT INTO users (email, password_hash, role) VALUES (?, ?, 'customer')")) {
      ps.setString(1, "legacy@forms.example");
      ps.setString(2, new PasswordHasher().hash(typed));
      ps.executeUpdate();
    }
    assertThat(t.login("legacy@forms.example", typed).statusCode()).isEqualTo(200);
    assertThat(t.login("legacy@forms.example", typed + "x").statusCode()).isEqualTo(401);
  }
}
