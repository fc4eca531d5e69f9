package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.support.TestApp;
import dev.storefront.web.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NUL, unpaired surrogates and bytes that are not UTF-8 are refused once, for every operation. */
class TextInputTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("text_input", Map.of("REDIS_TIMEOUT_MS", "2000"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static void refused(HttpResponse<Buffer> r, String field) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).startsWith(field + ": ");
  }

  /** A JSON body as raw text, so escapes like \u0000 reach the server exactly as written. */
  private static HttpResponse<Buffer> send(HttpMethod method, String uri, String json, String token) {
    return t.send(method, uri, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)), token);
  }

  @Test
  void nulInTheListingSearchIsA400NamingQ() {
    refused(t.get("/api/v1/products?q=a%00b"), "q");
    refused(t.get("/api/v1/products?category=1&q=%00"), "q");
    refused(t.get("/api/v1/products?q%00=x"), "query parameter name");
  }

  @Test
  void queryBytesThatAreNotUtf8AreA400() {
    refused(t.get("/api/v1/products?q=%ED%A0%80"), "q"); // an encoded surrogate
    refused(t.get("/api/v1/products?q=%C0%80"), "q"); // overlong NUL
    refused(t.get("/api/v1/products?q=%FF"), "q");
    refused(t.get("/api/v1/products?q=%zz"), "q");
    assertThat(t.get("/api/v1/products?q=caf%C3%A9").statusCode()).isEqualTo(200);
  }

  @Test
  void nulInAPathSegmentNamesTheParameter() {
    refused(t.get("/api/v1/products/1%00"), "id");
    refused(t.get("/docs/assets/a%00.js"), "file");
  }

  @Test
  void nulAndLoneSurrogatesInSignupAndLoginAreA400() {
    refused(send(HttpMethod.POST, "/api/v1/auth/signup",
        "{\"email\":\"a\\u0000b@example.com\",\"password\":\"a sturdy passphrase\"}", null), "email");
    refused(send(HttpMethod.POST, "/api/v1/auth/signup",
        "{\"email\":\"nul@example.com\",\"password\":\"a sturdy passphrase\",\"displayName\":\"x\\u0000\"}", null),
        "displayName");
    refused(send(HttpMethod.POST, "/api/v1/auth/signup",
        "{\"email\":\"sur@example.com\",\"password\":\"a sturdy passphrase\",\"displayName\":\"x\\ud800\"}", null),
        "displayName");
    refused(send(HttpMethod.POST, "/api/v1/auth/login",
        "{\"email\":\"a\\u0000b@example.com\",\"password\":\"whatever it is\"}", null), "email");
    refused(send(HttpMethod.POST, "/api/v1/auth/login",
        "{\"email\":\"a@example.com\",\"password\":\"\\udc00 low first\"}", null), "password");
  }

  @Test
  void nulInProfileAndProductUpdatesIsA400AndChangesNothing() {
    String token = t.send(HttpMethod.POST, "/api/v1/auth/signup", new JsonObject().put("email", "text@example.com")
        .put("password", "a sturdy passphrase").toBuffer(), (String) null).bodyAsJsonObject().getString("accessToken");
    refused(send(HttpMethod.PATCH, "/api/v1/me", "{\"displayName\":\"a\\u0000\"}", token), "displayName");
    refused(send(HttpMethod.PATCH, "/api/v1/me", "{\"displayName\":\"\\ud83d\"}", token), "displayName");
    String before = t.get("/api/v1/products/5").bodyAsJsonObject().getString("name");
    refused(send(HttpMethod.PATCH, "/api/v1/admin/products/5", "{\"name\":\"x\\u0000y\"}", t.adminToken()), "name");
    refused(send(HttpMethod.PATCH, "/api/v1/admin/products/5", "{\"na\\u0000me\":\"x\"}", t.adminToken()),
        "body (a field name)");
    assertThat(t.get("/api/v1/products/5").bodyAsJsonObject().getString("name")).isEqualTo(before);
    // a well-formed pair is text like any other
    assertThat(send(HttpMethod.PATCH, "/api/v1/me", "{\"displayName\":\"Ann \\ud83d\\ude00\"}", token).statusCode())
        .isEqualTo(200);
  }

  @Test
  void rawOverlongUtf8InABodyIsRefusedToo() {
    Buffer body = Buffer.buffer("{\"email\":\"overlong@example.com\",\"password\":\"a sturdy passphrase\",")
        .appendString("\"displayName\":\"a").appendByte((byte) 0xC0).appendByte((byte) 0x80).appendString("\"}");
    refused(t.send(HttpMethod.POST, "/api/v1/auth/signup", body, (String) null), "displayName");
  }

  @Test
  void nestedFieldsAreNamedByTheirPath() {
    assertThatThrownBy(() -> TextInputGuard.checkJson(
        "{\"shippingAddress\":{\"name\":\"a\\u0000\"}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemException.class).hasMessageStartingWith("shippingAddress.name: ");
    assertThatThrownBy(() -> TextInputGuard.checkJson(
        "{\"items\":[{\"sku\":\"ok\"},{\"sku\":\"\\udfff\"}]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemException.class).hasMessageStartingWith("items[1].sku: ");
    assertThatThrownBy(() -> TextInputGuard.checkJson("[\"\\u0000\"]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemException.class).hasMessageStartingWith("[0]: ");
  }

  @Test
  void textPostgresqlCannotStoreIsAClientErrorIfItEverGetsThatFar() {
    assertThat(TextInputGuard.unstorableText(new PgException("invalid byte sequence", "ERROR", "22021", null))).isTrue();
    assertThat(TextInputGuard.unstorableText(new PgException("untranslatable", "ERROR", "22P05", null))).isTrue();
    assertThat(TextInputGuard.unstorableText(new PgException("unique violation", "ERROR", "23505", null))).isFalse();
  }
}
