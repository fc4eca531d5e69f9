package dev.storefront.catalog;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ETags, 304s, Cache-Control, Vary and gzip on the public catalog reads. */
class HttpCachingTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("http_caching");
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> get(String uri, String... headers) {
    var request = t.client.get(uri);
    for (int i = 0; i < headers.length; i += 2) request.putHeader(headers[i], headers[i + 1]);
    return request.send().await();
  }

  private static double count(String cache, String result, String tier) {
    Counter c = t.app.registry().find("cache_requests").tags("cache", cache, "result", result, "tier", tier).counter();
    return c == null ? 0 : c.count();
  }

  private static double notFromL1(String cache) {
    return count(cache, "hit", "redis") + count(cache, "hit", "coalesced") + count(cache, "miss", "db")
        + count(cache, "error", "db");
  }

  @Test
  void productDetailAnswers304FromTheL1OnAMatchingIfNoneMatch() {
    assertRevalidates("getProduct", "/api/v1/products/11", "pdp");
  }

  @Test
  void listingAnswers304FromTheL1OnAMatchingIfNoneMatch() {
    assertRevalidates("listProducts", "/api/v1/products?category=2&sort=price_asc", "plp");
  }

  @Test
  void categoryTreeAnswers304OnAMatchingIfNoneMatch() {
    String etag = valid("listCategories", get("/api/v1/categories")).getHeader("ETag");
    assertThat(Contract.checked(HttpMethod.GET, "/api/v1/categories", get("/api/v1/categories", "If-None-Match", etag))
        .statusCode()).isEqualTo(304);
  }

  private static void assertRevalidates(String operation, String uri, String cache) {
    HttpResponse<Buffer> first = valid(operation, get(uri));
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.getHeader("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=1, stale-while-revalidate=4");
    assertThat(first.getHeader("Vary")).contains("Accept-Encoding");
    get(uri); // the entry is in the L1 now, whichever tier the first answer came from

    double l1Before = count(cache, "hit", "l1");
    double elsewhereBefore = notFromL1(cache);
    HttpResponse<Buffer> revalidated = valid(operation, get(uri, "If-None-Match", etag));
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body() == null || revalidated.body().length() == 0).isTrue();
    assertThat(revalidated.getHeader("ETag")).isEqualTo(etag);
    assertThat(revalidated.getHeader("Cache-Control")).startsWith("public, max-age=");
    assertThat(revalidated.getHeader("Vary")).contains("Accept-Encoding");
    assertThat(count(cache, "hit", "l1")).isEqualTo(l1Before + 1);
    assertThat(notFromL1(cache)).as("no Redis or PostgreSQL lookup").isEqualTo(elsewhereBefore);

    // A list holding the tag, a weak form of it and * all match; another tag does not.
    assertThat(get(uri, "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
    assertThat(get(uri, "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(get(uri, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void aStockChangeChangesTheEtagWithinTheStalenessBound() {
    String uri = "/api/v1/products/12";
    HttpResponse<Buffer> before = get(uri);
    int stock = before.bodyAsJsonObject().getInteger("stock");
    t.setStock(12, stock == 0 ? 5 : stock - 1);
    long changedAt = System.nanoTime();
    HttpResponse<Buffer> after;
    do {
      after = get(uri, "If-None-Match", before.getHeader("ETag"));
    } while (after.statusCode() == 304 && System.nanoTime() - changedAt < 1_000_000_000L);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.getHeader("ETag")).isNotEqualTo(before.getHeader("ETag"));
    assertThat(after.bodyAsJsonObject().getInteger("stock")).isNotEqualTo(stock);
  }

  @Test
  void gzipAndPlainBodiesDecodeToTheSameJson() throws Exception {
    for (String uri : new String[] {"/api/v1/products/13", "/api/v1/products?size=50", "/api/v1/categories"}) {
      HttpResponse<Buffer> plain = get(uri);
      assertThat(plain.getHeader("Content-Encoding")).isNull();
      HttpResponse<Buffer> zipped = get(uri, "Accept-Encoding", "gzip, deflate, br");
      assertThat(zipped.getHeader("Content-Encoding")).as(uri).isEqualTo("gzip");
      assertThat(zipped.getHeader("Content-Type")).isEqualTo("application/json");
      String plainTag = plain.getHeader("ETag");
      assertThat(zipped.getHeader("ETag")).as("a strong tag names the exact bytes of one encoding")
          .isEqualTo(plainTag.substring(0, plainTag.length() - 1) + "-gz\"");
      assertThat(zipped.body().length()).isLessThan(plain.body().length());
      JsonObject decoded = new JsonObject(Buffer.buffer(gunzip(zipped.body().getBytes())));
      assertThat(decoded).isEqualTo(plain.bodyAsJsonObject());
      assertThat(get(uri, "Accept-Encoding", "gzip;q=0, identity").getHeader("Content-Encoding")).isNull();
    }
  }

  @Test
  void eachEncodingRevalidatesAgainstItsOwnTag() {
    for (String uri : new String[] {"/api/v1/products/15", "/api/v1/products?category=3"}) {
      String plainTag = get(uri).getHeader("ETag");
      String gzipTag = get(uri, "Accept-Encoding", "gzip").getHeader("ETag");
      assertThat(get(uri, "Accept-Encoding", "gzip", "If-None-Match", gzipTag).statusCode()).as(uri).isEqualTo(304);
      HttpResponse<Buffer> gzipAgainstPlain = get(uri, "Accept-Encoding", "gzip", "If-None-Match", plainTag);
      assertThat(gzipAgainstPlain.statusCode()).as("the client holds the other encoding").isEqualTo(200);
      assertThat(gzipAgainstPlain.getHeader("ETag")).isEqualTo(gzipTag);
      assertThat(get(uri, "If-None-Match", gzipTag).statusCode()).as(uri).isEqualTo(200);
    }
  }

  @Test
  void listHeadersSplitOverSeveralLinesAreReadWhole() {
    String uri = "/api/v1/products/16";
    String etag = get(uri).getHeader("ETag");
    var revalidation = t.client.get(uri);
    revalidation.headers().add("If-None-Match", "\"other\"").add("If-None-Match", etag);
    assertThat(revalidation.send().await().statusCode()).isEqualTo(304);

    var encodings = t.client.get(uri);
    encodings.headers().add("Accept-Encoding", "identity").add("Accept-Encoding", "gzip");
    assertThat(encodings.send().await().getHeader("Content-Encoding")).isEqualTo("gzip");

    var refused = t.client.get(uri);
    refused.headers().add("Accept-Encoding", "br").add("Accept-Encoding", "gzip;q=0");
    assertThat(refused.send().await().getHeader("Content-Encoding")).isNull();
  }

  @Test
  void everyCachedReadTakesWeakTagsAndListsOfTags() {
    for (String uri : new String[] {"/api/v1/products/by-sku/SKU-000017", "/api/v1/products/17", "/api/v1/categories",
        "/api/v1/product-facets?category=2", "/api/v1/products?category=2", "/", "/products/17", "/sw.js"}) {
      String etag = get(uri).getHeader("ETag");
      assertThat(etag).as(uri).isNotNull();
      for (String header : new String[] {"W/" + etag, "\"other\", " + etag, "W/\"other\", W/" + etag, "*"}) {
        assertThat(get(uri, "If-None-Match", header).statusCode()).as(uri + " " + header).isEqualTo(304);
      }
      assertThat(get(uri, "If-None-Match", "W/\"other\", \"another\"").statusCode()).as(uri).isEqualTo(200);
    }
  }

  @Test
  void authenticatedReadsAreNeverMarkedCacheable() {
    HttpResponse<Buffer> r = t.client.get("/api/v1/products/14").putHeader("Authorization", "Bearer " + t.adminToken())
        .send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void problemResponsesAreNeverMarkedCacheable() {
    for (String uri : new String[] {"/api/v1/products/999999", "/api/v1/products/abc", "/api/v1/products?size=0"}) {
      HttpResponse<Buffer> r = t.get(uri);
      assertThat(r.statusCode()).as(uri).isIn(400, 404);
      assertThat(r.getHeader("Cache-Control")).as(uri).isEqualTo("no-store");
      assertThat(r.getHeader("ETag")).as(uri).isNull();
    }
  }

  private static byte[] gunzip(byte[] bytes) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}
