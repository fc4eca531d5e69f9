package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One normalisation for sign-up and sign-in: look-alike spellings never become a second account. */
class LookAlikeEmailsTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("look_alike", Map.of("REDIS_TIMEOUT_MS", "2000"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> signup(String email) {
    return t.signup(email, "a sturdy passphrase");
  }

  @Test
  void lettersJavaAndPostgresqlLowerCaseDifferentlyAreA400NotA500() {
    for (String email : new String[] {"\ua7c0x@example.com", "\u2c2fx@example.com"}) {
      HttpResponse<Buffer> r = signup(email);
      assertThat(r.statusCode()).as(email).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("email: ");
    }
  }

  @Test
  void lookAlikesOfAnExistingAddressMakeNoSecondAccount() {
    assertThat(signup("alice@x.test").statusCode()).isEqualTo(201);
    for (String email : new String[] {"alice@x.test\u200b", "alice\u200b@x.test", "alice@x.test\u00a0",
        "alice\u00a0@x.test", "\uff41lice@x.test", "a\u0301lice@x.test", "ALICE@x.test"}) {
      HttpResponse<Buffer> r = signup(email);
      assertThat(r.statusCode()).as(email).isIn(400, 409);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(t.login("alice@x.test", "a sturdy passphrase").statusCode()).isEqualTo(200);
  }

  @Test
  void signInNormalisesTheSameWay() {
    assertThat(signup("bob@b\u00fccher.example").statusCode()).isEqualTo(201);
    assertThat(t.login("Bob@xn--bcher-kva.example", "a sturdy passphrase").statusCode()).isEqualTo(200);
    assertThat(t.login("BOB@B\u00dcCHER.example", "a sturdy passphrase").statusCode()).isEqualTo(200);
    assertThat(t.login("b\u200bob@b\u00fccher.example", "a sturdy passphrase").statusCode()).isEqualTo(400);
    // Compatibility spellings reach the normaliser (no format check refuses them first) and sign in.
    for (String email : new String[] {"\uff42\uff4f\uff42@b\u00fccher.example", " bob@b\u00fccher.example ",
        "bob@b\u00fccher.example\u00a0"}) {
      assertThat(t.login(email, "a sturdy passphrase").statusCode()).as(email).isEqualTo(200);
    }
  }
}
