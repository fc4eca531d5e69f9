package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every reader of the query behind the gate (vertx-web's {@code rc.queryParams()}, the request's
 * own {@code params()}, and the OpenAPI validator) splits it on {@code &} only.
 */
class AmpersandOnlyQueryTest {
  static Vertx vertx;
  static HttpServer server;
  static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    RequestValidator validator = RequestValidator.create(vertx, Contract.get().contract);
    Router router = Router.router(vertx);
    router.get("/api/v1/products").handler(rc -> validator.validate(rc.request(), "listProducts")
        .onSuccess(validated -> rc.json(new JsonObject()
            .put("queryParams", flat(rc.queryParams()))
            .put("params", flat(rc.request().params()))
            .put("validated", validatedQuery(validated.getQuery()))))
        .onFailure(rc::fail));
    server = vertx.createHttpServer().requestHandler(new RequestGate(router, null, null, "GET"))
        .listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Map<String, Object> flat(io.vertx.core.MultiMap params) {
    Map<String, Object> out = new TreeMap<>();
    params.names().forEach(name -> out.put(name, String.join("|", params.getAll(name))));
    return out;
  }

  private static Map<String, Object> validatedQuery(Map<String, RequestParameter> query) {
    Map<String, Object> out = new TreeMap<>();
    query.forEach((name, value) -> {
      if (value != null && !value.isNull()) out.put(name, String.valueOf(value.get()));
    });
    return out;
  }

  private static JsonObject seen(String uri) {
    var r = client.get(server.actualPort(), "127.0.0.1", uri).send().await();
    assertThat(r.statusCode()).as(uri + ": " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  void aSemicolonDoesNotStartAParameter() {
    JsonObject seen = seen("/api/v1/products?size=1&utm_source=x;category=5");
    for (String reader : new String[] {"queryParams", "params"}) {
      assertThat(seen.getJsonObject(reader).getMap()).as(reader)
          .containsExactlyInAnyOrderEntriesOf(Map.of("size", "1", "utm_source", "x;category=5"));
    }
    assertThat(seen.getJsonObject("validated").getMap()).as("validator").doesNotContainKey("category")
        .containsEntry("size", "1");
  }

  @Test
  void aSemicolonIsPartOfTheValue() {
    JsonObject seen = seen("/api/v1/products?q=a;b&size=2");
    for (String reader : new String[] {"queryParams", "params", "validated"}) {
      assertThat(seen.getJsonObject(reader).getMap()).as(reader).containsEntry("q", "a;b").containsEntry("size", "2");
    }
  }

  @Test
  void queriesWithoutSemicolonsAreReadAsBefore() {
    JsonObject seen = seen("/api/v1/products?q=a%3Bb&category=5");
    assertThat(seen.getJsonObject("queryParams").getMap()).containsEntry("q", "a;b").containsEntry("category", "5");
    assertThat(seen.getJsonObject("validated").getMap()).containsEntry("category", "5");
  }
}
