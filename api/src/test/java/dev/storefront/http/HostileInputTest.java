package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of openapi.yaml, every parameter and body field, a corpus of hostile values, with
 * no token, a customer's and the admin's: never a 5xx, errors always problem+json, successes as
 * documented, and the security headers on every answer.
 */
class HostileInputTest {
  /** Already percent-encoded, as they go on the wire. */
  static final List<String> QUERY_VALUES = List.of("%00", "a%00b", "%ED%A0%80", "%C0%80", "%FF", "x".repeat(10_000),
      "%E2%80%AE", "%zz", "%", "1e309", "-0", "NaN", "99999999999999999999999", "", "+", "%2F..%2F", "%0D%0A",
      "%EF%BC%A1");
  /** Raw JSON values (bytes as sent). */
  static final List<Buffer> BODY_VALUES = List.of(json("\"\\u0000\""), json("\"a\\u0000b\""), json("\"\\ud800\""),
      json("\"\\udc00x\""), Buffer.buffer("\"a").appendByte((byte) 0xC0).appendByte((byte) 0x80).appendString("\""),
      Buffer.buffer("\"").appendByte((byte) 0xFF).appendString("\""), json("\"" + "x".repeat(10_000) + "\""),
      json("\"\\u202e\""), json("1e309"), json("-1e309"), json("-0"), json("-0.0"), json("NaN"),
      json("99999999999999999999999999999"), json("0.000000000000000000001"), json("1E+2147483648"), json("true"),
      json("[]"), json("{}"), json("null"), json("\"string\""), json("123"), json("\"%zz\""), json("\"1e309\""));
  static final String[] SECURITY_HEADERS = {"Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
      "Permissions-Policy", "Content-Security-Policy", "X-Frame-Options"};

  static TestApp t;
  static io.vertx.core.Vertx streamClients;
  static io.vertx.core.http.HttpClient streams;
  static Map<String, String> tokens = new LinkedHashMap<>();
  int requests;

  @BeforeAll
  static void start() {
    t = TestApp.start("hostile", Map.of("REDIS_TIMEOUT_MS", "2000"));
    tokens.put("no token", null);
    tokens.put("customer", t.send(HttpMethod.POST, "/api/v1/auth/signup", new JsonObject()
        .put("email", "hostile@example.com").put("password", "a sturdy passphrase").toBuffer(), (String) null)
        .bodyAsJsonObject().getString("accessToken"));
    tokens.put("admin", t.adminToken());
    streamClients = io.vertx.core.Vertx.vertx();
    streams = streamClients.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    streamClients.close().await();
    t.close();
  }

  private static Buffer json(String text) {
    return Buffer.buffer(text);
  }

  @Test
  void noOperationAnswersHostileInputWithA5xxOrWithoutProblemJsonAndSecurityHeaders() {
    SoftAssertions soft = new SoftAssertions();
    JsonObject raw = Contract.get().raw;
    for (String path : raw.getJsonObject("paths").fieldNames()) {
      JsonObject item = raw.getJsonObject("paths").getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject op = item.getJsonObject(method);
        HttpMethod http = HttpMethod.valueOf(method.toUpperCase());
        List<JsonObject> params = new ArrayList<>();
        for (Object p : op.getJsonArray("parameters", new JsonArray())) params.add(resolve((JsonObject) p));
        JsonObject bodySchema = bodySchema(op);
        for (var token : tokens.entrySet()) {
          String who = token.getKey();
          exchange(soft, who, http, path(path, params, null, null), query(params, null, null), body(bodySchema, null, null),
              token.getValue());
          for (JsonObject p : params) {
            for (String value : QUERY_VALUES) {
              String name = p.getString("name");
              exchange(soft, who, http, path(path, params, name, value), query(params, name, value),
                  body(bodySchema, null, null), token.getValue());
            }
            if ("query".equals(p.getString("in"))) {
              String twice = query(params, null, null) + "&" + p.getString("name") + "=1&" + p.getString("name") + "=2";
              exchange(soft, who, http, path(path, params, null, null), twice, body(bodySchema, null, null),
                  token.getValue());
            }
          }
          if (bodySchema == null) continue;
          List<String> fields = new ArrayList<>(bodySchema.getJsonObject("properties", new JsonObject()).fieldNames());
          fields.add("unknown\\u0000key");
          for (String field : fields) {
            for (Buffer value : BODY_VALUES) {
              exchange(soft, who, http, path(path, params, null, null), query(params, null, null),
                  body(bodySchema, field, value), token.getValue());
            }
            if (!field.startsWith("unknown")) {
              Buffer twice = body(bodySchema, null, null);
              twice = Buffer.buffer(twice.toString().replaceFirst("\\}$", (twice.length() > 2 ? "," : "")
                  + "\"" + field + "\":\"dup\",\"" + field + "\":1e309}"));
              exchange(soft, who, http, path(path, params, null, null), query(params, null, null), twice,
                  token.getValue());
            }
          }
          for (Buffer whole : List.of(json("[]"), json("\"\\u0000\""), json("{\"a\":"), json("\u0000"), json(""))) {
            exchange(soft, who, http, path(path, params, null, null), "", whole, token.getValue());
          }
        }
        check(soft);
      }
    }
    soft.assertAll();
    assertThat(requests).as("requests sent").isGreaterThan(1000);
  }

  /** What came back: the whole response, or for an event stream that opened, only its head (then closed). */
  private record Answer(int status, io.vertx.core.MultiMap headers, String body, HttpResponse<Buffer> whole) {}

  private record Pending(String what, HttpMethod method, String uri, io.vertx.core.Future<Answer> response) {}

  private final List<Pending> inFlight = new ArrayList<>();

  /** Sends without waiting; answers are checked in batches, a few requests in flight at a time. */
  private void exchange(SoftAssertions soft, String who, HttpMethod method, String path, String query, Buffer body,
      String token) {
    String uri = query == null || query.isEmpty() ? path : path + "?" + query;
    io.vertx.core.Future<Answer> response;
    if (path.endsWith("/stream")) {
      response = openStream(method, uri, body, token);
    } else {
      var request = t.client.request(method, uri);
      if (token != null) request.putHeader("Authorization", "Bearer " + token);
      response = (body == null ? request.send() : request.putHeader("Content-Type", "application/json").sendBuffer(body))
          .map(r -> new Answer(r.statusCode(), r.headers(), r.bodyAsString(), r));
    }
    requests++;
    String what = who + " " + method + " " + abbreviate(uri) + " " + (body == null ? "" : abbreviate(body.toString()));
    inFlight.add(new Pending(what, method, uri, response));
    if (inFlight.size() >= 8) check(soft);
  }

  /** An event stream that opens never ends by itself: its head is checked, then the connection is closed. */
  private io.vertx.core.Future<Answer> openStream(HttpMethod method, String uri, Buffer body, String token) {
    var options = new io.vertx.core.http.RequestOptions().setMethod(method).setHost("127.0.0.1")
        .setPort(t.app.port()).setURI(uri);
    if (token != null) options.putHeader("Authorization", "Bearer " + token);
    if (body != null) options.putHeader("Content-Type", "application/json");
    return streams.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> {
          if (response.statusCode() != 200) {
            return response.body().map(b -> new Answer(response.statusCode(), response.headers(), b.toString(), null));
          }
          response.request().connection().close();
          return io.vertx.core.Future.succeededFuture(new Answer(200, response.headers(), "", null));
        });
  }

  private void check(SoftAssertions soft) {
    for (Pending p : inFlight) {
      Answer r = p.response().await();
      soft.assertThat(r.status()).as(p.what() + " -> " + abbreviate(r.body())).isLessThan(500);
      if (r.status() >= 400) {
        soft.assertThat(r.headers().get("Content-Type")).as(p.what()).isEqualTo("application/problem+json");
      } else if (r.whole() == null) {
        soft.assertThat(r.headers().get("Content-Type")).as(p.what()).startsWith("text/event-stream");
      } else {
        try {
          Contract.checked(p.method(), p.uri(), r.whole());
        } catch (AssertionError e) {
          soft.fail(p.what() + ": " + e.getMessage());
        }
      }
      for (String header : SECURITY_HEADERS) soft.assertThat(r.headers().get(header)).as(p.what() + " " + header).isNotNull();
    }
    inFlight.clear();
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + ")" : s;
  }

  private static String path(String template, List<JsonObject> params, String hostile, String value) {
    String path = template;
    for (JsonObject p : params) {
      if (!"path".equals(p.getString("in"))) continue;
      String name = p.getString("name");
      path = path.replace("{" + name + "}", name.equals(hostile) ? value : sample(name, p.getJsonObject("schema")));
    }
    return path;
  }

  private static String query(List<JsonObject> params, String hostile, String value) {
    StringBuilder q = new StringBuilder();
    for (JsonObject p : params) {
      if (!"query".equals(p.getString("in")) || !p.getString("name").equals(hostile)) continue;
      q.append(q.length() == 0 ? "" : "&").append(p.getString("name")).append('=').append(value);
    }
    return q.toString();
  }

  /** A valid body with {@code field} replaced by {@code value} (raw JSON bytes); null when no body. */
  private static Buffer body(JsonObject schema, String field, Buffer value) {
    if (schema == null) return null;
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    List<String> names = new ArrayList<>();
    for (Object r : schema.getJsonArray("required", new JsonArray())) names.add((String) r);
    if (names.isEmpty() && !properties.isEmpty()) names.add(properties.fieldNames().iterator().next());
    if (field != null && !names.contains(field)) names.add(field);
    Buffer out = Buffer.buffer("{");
    for (String name : names) {
      if (out.length() > 1) out.appendString(",");
      out.appendString("\"" + name + "\":");
      if (name.equals(field)) out.appendBuffer(value);
      else out.appendString(new JsonArray().add(sampleValue(name, properties.getJsonObject(name))).encode()
          .replaceAll("^\\[|\\]$", ""));
    }
    return out.appendString("}");
  }

  private static Object sampleValue(String name, JsonObject schema) {
    String type = schema == null ? "string" : schema.getString("type", "string");
    if ("integer".equals(type) || "number".equals(type)) return Math.max(1, schema.getNumber("minimum", 1).intValue());
    return sample(name, schema);
  }

  private static String sample(String name, JsonObject schema) {
    if (schema == null) return "x";
    if (schema.containsKey("enum")) return schema.getJsonArray("enum").getString(0);
    if ("integer".equals(schema.getString("type"))) return "1";
    if (schema.getString("format", "").endsWith("email")) return "sample@example.com";
    if ("file".equals(name)) return "redoc.standalone.js";
    if ("password".equals(name)) return "a sturdy passphrase";
    return "sample";
  }

  private static JsonObject bodySchema(JsonObject op) {
    JsonObject body = op.getJsonObject("requestBody");
    if (body == null) return null;
    // Only JSON bodies are generated; a multipart operation (the image upload) gets its part missing.
    JsonObject json = body.getJsonObject("content").getJsonObject("application/json");
    return json == null ? null : resolve(json.getJsonObject("schema"));
  }

  private static JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) return node;
    JsonObject target = Contract.get().raw;
    for (String segment : ref.substring(2).split("/")) target = target.getJsonObject(segment);
    return target;
  }
}
