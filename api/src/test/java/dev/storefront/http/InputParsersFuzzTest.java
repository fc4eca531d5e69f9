package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.storefront.auth.EmailAddress;
import dev.storefront.web.ProblemException;

/** Request ids, the text guard and email normalisation: a 400 or a result that keeps its promises. */
class InputParsersFuzzTest {

  private static String latin1(byte[] input) {
    return new String(input, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @FuzzTest(maxDuration = "5s")
  void requestIdsAreEchoedOnlyWhenSafeForAHeader(byte[] input) {
    String incoming = latin1(input); // header values arrive one byte per char
    assertThat(RequestIds.accept(null)).matches("[0-9a-f]{32}");
    String id = RequestIds.accept(incoming);
    assertThat(id).matches("[A-Za-z0-9_-]{8,64}");
    if (!id.equals(incoming)) assertThat(id).matches("[0-9a-f]{32}");
  }

  @FuzzTest(maxDuration = "5s")
  void queriesAreRefusedWithA400OrHoldOnlyStorableText(byte[] input) {
    String query = latin1(input); // the request line arrives one byte per char
    try {
      TextInputGuard.checkQuery(query);
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(400);
      return;
    }
    for (String pair : query.split("&", -1)) {
      for (String part : pair.split("=", 2)) assertThat(TextInputGuard.bad(PercentDecoding.decode(part, true, "x"))).isNull();
    }
  }

  @FuzzTest(maxDuration = "5s")
  void jsonBodiesAreRefusedWithA400OrHoldNoNulNorLoneSurrogate(byte[] body) {
    try {
      TextInputGuard.checkJson(body);
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(400);
      return;
    }
    Object decoded;
    try {
      decoded = io.vertx.core.json.Json.decodeValue(io.vertx.core.buffer.Buffer.buffer(body));
    } catch (io.vertx.core.json.DecodeException notJson) {
      return;
    }
    assertClean(decoded);
  }

  private static void assertClean(Object value) {
    if (value instanceof String s) assertThat(TextInputGuard.bad(s)).isNull();
    if (value instanceof io.vertx.core.json.JsonArray a) a.forEach(InputParsersFuzzTest::assertClean);
    if (value instanceof io.vertx.core.json.JsonObject o) {
      o.forEach(e -> {
        assertClean(e.getKey());
        assertClean(e.getValue());
      });
    }
  }

  @FuzzTest(maxDuration = "5s")
  void emailsNormaliseToOneStableAsciiFormOrA400(byte[] input) {
    String raw = new String(input, java.nio.charset.StandardCharsets.UTF_8);
    String email;
    try {
      email = EmailAddress.normalize(raw);
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).startsWith("email: ");
      return;
    }
    assertThat(email).matches("[\\x21-\\x7e]{3,254}").isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
    assertThat(EmailAddress.normalize(email)).as("idempotent").isEqualTo(email);
  }
}
