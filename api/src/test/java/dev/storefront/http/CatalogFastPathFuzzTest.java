package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.storefront.catalog.ProductListQuery;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;

/** The fast path's own scan of a listing query never reads it differently from the router. */
class CatalogFastPathFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void fastPathListingsAgreeWithTheRouter(byte[] input) {
    String query = new String(input, StandardCharsets.ISO_8859_1); // the request line, one byte per char
    ProductListQuery fast = CatalogFastPath.listing(query);
    if (fast == null) return; // the router answers it, whatever it is
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : query.split("&", -1)) {
      String[] nameValue = pair.split("=", 2);
      assertThat(nameValue).as("every pair the fast path takes has a name and a value").hasSize(2);
      assertThat(nameValue[1]).matches("[A-Za-z0-9._-]+");
      params.add(nameValue[0], nameValue[1]);
    }
    assertThat(ProductListQuery.parse(params)).isEqualTo(fast);
  }
}
