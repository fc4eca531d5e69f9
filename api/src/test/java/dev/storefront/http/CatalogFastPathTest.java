package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.catalog.ProductListQuery;
import dev.storefront.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast path answers exactly as the router would: the same instance data served by one process
 * with it and one without, request for request, differ in nothing but the request id.
 */
class CatalogFastPathTest {
  static TestApp t;
  static App routed;
  static WebClient routedClient;

  @BeforeAll
  static void start() {
    t = TestApp.start("fast_path");
    routed = t.startSibling(Map.of("HTTP_FAST_PATH", "false"));
    routedClient = WebClient.create(t.clientVertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(routed.port()).setDecompressionSupported(false));
  }

  @AfterAll
  static void stop() throws Exception {
    routedClient.close();
    routed.close().await();
    t.close();
  }

  static HttpResponse<Buffer> get(WebClient client, String uri, Map<String, String> headers) {
    var request = client.get(uri);
    headers.forEach(request::putHeader);
    return request.send().await();
  }

  static WebClient fastClient() {
    return WebClient.create(t.clientVertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(t.app.port()).setDecompressionSupported(false));
  }

  static Map<String, List<String>> headers(MultiMap headers) {
    Map<String, List<String>> out = new TreeMap<>();
    headers.names().forEach(name -> {
      if (!name.equalsIgnoreCase("X-Request-Id")) out.put(name.toLowerCase(), headers.getAll(name));
    });
    return out;
  }

  static double fastPathResponses() {
    return t.app.registry().get("http_fast_path_responses").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** Fast-path answers written on the connection, before Vert.x made a request of them ({@link CatalogWire}). */
  static double onConnection() {
    return t.app.registry().get("http_fast_path_responses").tag("stage", "connection").counter().count();
  }

  @Test
  void cachedHitsAreAnsweredBeforeTheRouterWithTheSameStatusHeadersAndBytes() {
    WebClient fast = fastClient();
    String etag = get(fast, "/api/v1/products/5", Map.of()).getHeader("ETag");
    List<Map.Entry<String, Map<String, String>>> cases = List.of(
        Map.entry("/api/v1/products/5", Map.of()),
        Map.entry("/api/v1/products/5", Map.of("Accept-Encoding", "gzip")),
        Map.entry("/api/v1/products/5", Map.of("If-None-Match", etag)),
        Map.entry("/api/v1/products/5", Map.of("X-Request-Id", "caller-chosen-id-1")),
        Map.entry("/api/v1/products?category=3&sort=price_asc&page=2&size=10", Map.of()),
        Map.entry("/api/v1/products?q=lamp", Map.of("Accept-Encoding", "gzip")),
        Map.entry("/api/v1/products?page=1", Map.of()),
        // A Connection header leaves the request to Vert.x, where the fast path answers it.
        Map.entry("/api/v1/products/5", Map.of("Connection", "keep-alive")),
        Map.entry("/api/v1/products?page=1", Map.of("Connection", "keep-alive", "Accept-Encoding", "gzip")));
    for (var c : cases) {
      get(fast, c.getKey(), c.getValue()); // fills this process's L1
      get(routedClient, c.getKey(), c.getValue());
      double before = fastPathResponses();
      double beforeOnConnection = onConnection();
      HttpResponse<Buffer> viaFast = get(fast, c.getKey(), c.getValue());
      assertThat(fastPathResponses() - before).as("a fast-path answer: " + c).isEqualTo(1.0);
      assertThat(onConnection() - beforeOnConnection).as("answered on the connection: " + c)
          .isEqualTo(c.getValue().containsKey("Connection") ? 0.0 : 1.0);
      HttpResponse<Buffer> viaRouter = get(routedClient, c.getKey(), c.getValue());
      assertThat(viaFast.statusCode()).as(c.toString()).isEqualTo(viaRouter.statusCode());
      assertThat(headers(viaFast.headers())).as(c.toString()).isEqualTo(headers(viaRouter.headers()));
      assertThat(viaFast.bodyAsBuffer()).as(c.toString()).isEqualTo(viaRouter.bodyAsBuffer());
      if (c.getValue().containsKey("X-Request-Id")) {
        assertThat(viaFast.getHeader("X-Request-Id")).isEqualTo("caller-chosen-id-1");
      } else {
        assertThat(viaFast.getHeader("X-Request-Id")).matches("[0-9a-f]{32}");
      }
    }
    assertThat(routed.registry().get("http_fast_path_responses").counters()).allMatch(counter -> counter.count() == 0);
    fast.close();
  }

  @Test
  void anythingButAPlainCachedHitGoesThroughTheRouter() {
    WebClient fast = fastClient();
    get(fast, "/api/v1/products/6", Map.of());
    get(fast, "/api/v1/products?category=4", Map.of());
    double before = fastPathResponses();
    assertThat(get(fast, "/api/v1/products/6", Map.of("Authorization", "Bearer x.y.z")).getHeader("Cache-Control"))
        .as("credentials: the router's no-store answer").isEqualTo("no-store");
    assertThat(get(fast, "/api/v1/products/6", Map.of("authorization", "Bearer x.y.z")).getHeader("Cache-Control"))
        .as("header names in any case").isEqualTo("no-store");
    double hits = t.app.registry().get("cache_requests").tags("cache", "pdp", "tier", "l1").counter().count();
    get(fast, "/api/v1/products/6", Map.of("Authorization", "Bearer x.y.z"));
    assertThat(t.app.registry().get("cache_requests").tags("cache", "pdp", "tier", "l1").counter().count() - hits)
        .as("a routed request's L1 hit is counted once, by the router").isEqualTo(1.0);
    fast.get("/api/v1/products/6").sendBuffer(Buffer.buffer("{}")).await();
    fast.get("/api/v1/products/6").putHeader("Transfer-Encoding", "chunked").sendBuffer(Buffer.buffer("{}")).await();
    assertThat(fast.head("/api/v1/products/6").send().await().statusCode()).isEqualTo(200);
    assertThat(get(fast, "/api/v1/products?category=4;x", Map.of()).statusCode()).isEqualTo(400);
    assertThat(get(fast, "/api/v1/products?category=4&category=4", Map.of()).statusCode()).isEqualTo(400);
    assertThat(get(fast, "/api/v1/products?Category=4", Map.of()).statusCode()).isEqualTo(200);
    assertThat(get(fast, "/api/v1/products?category=0", Map.of()).statusCode()).isEqualTo(400);
    assertThat(get(fast, "/api/v1/products/999999", Map.of()).statusCode()).isEqualTo(404);
    assertThat(get(fast, "/api/v1/products/007", Map.of()).statusCode()).isEqualTo(200);
    assertThat(fastPathResponses()).as("none of these were fast-path answers").isEqualTo(before);
    fast.close();
  }

  @Test
  void productIdsAndListingQueriesAreReadStrictly() {
    assertThat(CatalogFastPath.productId("/api/v1/products/42")).isEqualTo(42);
    assertThat(CatalogFastPath.productId("/api/v1/products/4x")).isZero();
    assertThat(CatalogFastPath.productId("/api/v1/products/")).isZero();
    assertThat(CatalogFastPath.productId("/api/v1/products/1234567890123456789")).isZero();
    assertThat(CatalogFastPath.listing("category=3&sort=name")).isNotNull();
    assertThat(CatalogFastPath.listing("category=3&unknown=1")).isNull();
    assertThat(CatalogFastPath.listing("q=a%20b")).isNull();
    assertThat(CatalogFastPath.listing("size=100000")).isNull();
    assertThat(CatalogFastPath.listing("category=")).isNull();
    assertThat(CatalogFastPath.listing("category=3&sort=name&page=2&size=20&q=lamp&minPrice=1.5&maxPrice=20"))
        .isEqualTo(new ProductListQuery(3, "lamp", 150, 2000, ProductListQuery.Sort.NAME, 2, 20));
    assertThat(CatalogFastPath.listing("page=2")).isEqualTo(new ProductListQuery(null, null, null, null,
        ProductListQuery.Sort.POPULARITY, 2, 20));
    for (String refused : new String[] {"", "&", "page=2&", "&page=2", "page=2&&size=3", "=2", "page", "page=2=3",
        "page=2;size=3", "page=2&page=2", "Page=2", "pag=2", "pages=2", "page=%32", "page=2x", "size=0"}) {
      assertThat(CatalogFastPath.listing(refused)).as(refused).isNull();
    }
  }
}
