package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A string parameter is the text that was sent, whatever JSON it happens to look like. */
class StringParametersTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("string_parameters", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  static HttpResponse<Buffer> get(String uri) {
    return Contract.checked(HttpMethod.GET, uri, t.client.get(uri).timeout(5_000).send().await());
  }

  @Test
  void aSearchForTextThatLooksLikeJsonIsASearch() {
    for (String q : new String[] {"-5", "1.0", "%201", "1e5", "%5B1%5D", "%7B%7D", "%22x", "null", "-lamp"}) {
      HttpResponse<Buffer> r = get("/api/v1/product-facets?q=" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getInteger("total")).as(q).isNotNull();
    }
    // Quotes are part of the text: the facets count what the listing lists for the same q.
    long facets = get("/api/v1/product-facets?q=%22lamp%22").bodyAsJsonObject().getLong("total");
    long listed = get("/api/v1/products?q=%22lamp%22").bodyAsJsonObject().getLong("total");
    assertThat(facets).isEqualTo(listed);
  }

  @Test
  void aStringParameterThatBreaksItsOwnRuleSaysWhichRule() {
    for (String uri : new String[] {"/api/v1/inventory/stream?products=-5", "/api/v1/inventory/stream?products=1.0",
        "/api/v1/products/by-sku/-5", "/api/v1/products/by-slug/%5B1%5D", "/api/v1/products/by-sku/%22x"}) {
      HttpResponse<Buffer> r = get(uri);
      assertThat(r.statusCode()).as(uri).isIn(400, 404);
      if (r.statusCode() == 400) {
        assertThat(r.bodyAsJsonObject().getString("detail")).as(uri)
            .doesNotContain("must be of type string").doesNotContain("can't be decoded");
      }
    }
  }
}
