package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sign-up that fails after the account row is written (here: the first refresh token cannot be
 * stored, as when PostgreSQL goes away between the two) keeps nothing, so the retry its 503 asks
 * for creates the account instead of answering "email taken".
 */
class SignupAtomicityTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("signup_atomic");
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> signup(String email) {
    return t.signup(email, "a sturdy passphrase");
  }

  @Test
  void aSignupThatFailsAfterTheAccountRowKeepsNothingAndItsRetrySucceeds() {
    // Class 53 (insufficient resources): a failure of the server, not of the request; a 503.
    sql.update("CREATE FUNCTION refuse_token() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$ BEGIN RAISE EXCEPTION 'going away' USING ERRCODE = '53400'; END $$");
    sql.update("CREATE TRIGGER refuse_token BEFORE INSERT ON refresh_tokens FOR EACH ROW EXECUTE FUNCTION refuse_token()");
    try {
      HttpResponse<Buffer> failed = signup("atomic@example.com");
      assertThat(failed.statusCode()).as(failed.bodyAsString()).isEqualTo(503);
      assertThat(sql.scalar("SELECT count(*) FROM users WHERE email = 'atomic@example.com'")).as("no account kept").isZero();
    } finally {
      sql.update("DROP TRIGGER refuse_token ON refresh_tokens");
      sql.update("DROP FUNCTION refuse_token()");
    }
    HttpResponse<Buffer> retried = signup("atomic@example.com");
    assertThat(retried.statusCode()).as(retried.bodyAsString()).isEqualTo(201);
    assertThat(retried.bodyAsJsonObject().getString("refreshToken")).isNotBlank();
  }
}
